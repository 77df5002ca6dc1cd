package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"testing"
)

// The tables commands draw are declared in pkg/view (tables.go), where the
// report finds them too, not in a command file that another command or the
// report would borrow from: no file of pkg/cli builds a view.View.
func TestViewsLiveInPkgView(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if sel, ok := lit.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "View" {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "view" {
					t.Errorf("%s: a view.View is built in pkg/cli; declare it in pkg/view/tables.go", fset.Position(lit.Pos()))
				}
			}
			return true
		})
	}
}
