package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/parks-kz/parks/pkg/diag"
)

func TestErrorText(t *testing.T) {
	notFound := &fs.PathError{Op: "open", Path: "x.csv", Err: fs.ErrNotExist}
	err := diag.Errorf(notFound, "err.cannot_read", "x.csv", notFound.Err)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("errors.Is does not see the cause")
	}
	for _, c := range []struct {
		lang Lang
		err  error
		want string
	}{
		{EN, err, "cannot read x.csv: file does not exist"},
		{KK, err, "x.csv файлын оқу мүмкін емес: мұндай файл немесе каталог жоқ"},
		{RU, err, "не удалось прочитать x.csv: нет такого файла или каталога"},
		{RU, fs.ErrPermission, "отказано в доступе"},
		{RU, errors.New("disk on fire"), "disk on fire"},
		{KK, fmt.Errorf("wrapped: %w", err), "wrapped: cannot read x.csv: file does not exist"},
	} {
		if got := ErrorText(c.lang, c.err); got != c.want {
			t.Errorf("ErrorText(%s, %v) = %q, want %q", c.lang, c.err, got, c.want)
		}
	}
	if got := err.Error(); got != "cannot read x.csv: file does not exist" {
		t.Errorf("Error() = %q", got)
	}
}
