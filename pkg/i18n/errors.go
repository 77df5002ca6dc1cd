package i18n

import (
	"errors"
	"io/fs"
	"syscall"

	"github.com/parks-kz/parks/pkg/diag"
)

func init() {
	diag.English = func(t diag.Text) string { return T(EN, t.ID, t.Args...) }
}

// ErrorText words an error in a language: a *diag.TextError by its message
// id, the common errors of the operating system (not found, permission
// denied, is a directory) by a message of their own, any other by its own
// text. English keeps the system's words, as before.
func ErrorText(lang Lang, err error) string {
	var de *diag.TextError
	if errors.As(err, &de) && de == err {
		return T(lang, de.ID, de.Args...)
	}
	if lang == EN || !systemError(err) {
		return err.Error() // a wrapper's own words are kept whole
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return T(lang, "oserr.not_found")
	case errors.Is(err, fs.ErrPermission):
		return T(lang, "oserr.permission")
	case errors.Is(err, syscall.EISDIR):
		return T(lang, "oserr.is_dir")
	}
	return err.Error()
}

// systemError reports whether err is the system's bare word (an errno, a
// sentinel of io/fs), not a message that wraps one.
func systemError(err error) bool {
	if _, ok := err.(syscall.Errno); ok {
		return true
	}
	return err == fs.ErrNotExist || err == fs.ErrPermission
}
