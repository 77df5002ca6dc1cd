// Package docstest holds the test that runs every console example of
// README.md and docs/ and compares it with what parks prints (the rule is in
// docs/design.md, "Examples in the docs are tested"). It has no code of its
// own.
package docstest
