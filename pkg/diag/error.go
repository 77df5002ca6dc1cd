package diag

import "fmt"

// TextError is an error worded by message id and arguments, translated where
// it is printed (the CLI's edge, in the output language); Error gives the
// English text. Err is the cause, for errors.Is and errors.As; an error
// among the arguments is worded in the language too (i18n).
type TextError struct {
	Text
	Err error
}

// Errorf is a TextError of message id with args; cause may be nil.
func Errorf(cause error, id string, args ...any) *TextError {
	return &TextError{Text: Text{ID: id, Args: args}, Err: cause}
}

// English words a Text in English; package i18n sets it (diag imports no
// catalogue).
var English func(Text) string

func (e *TextError) Error() string {
	if English != nil {
		return English(e.Text)
	}
	return fmt.Sprintf("%s %v", e.ID, e.Args)
}

func (e *TextError) Unwrap() error { return e.Err }
