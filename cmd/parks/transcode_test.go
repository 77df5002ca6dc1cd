package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// transcodeMain writes a UTF-8 fixture in another encoding, so the scripts
// keep their fixtures readable and still test the bytes Excel writes:
//
//	exec transcode windows-1251|koi8-r|utf-16le|utf-16be|utf-16le-nobom|utf-8-bom|crlf|cr IN OUT
//
// (utf-8-bom adds a byte-order mark; crlf turns line ends into CRLF, cr
// into CR alone, as Excel's «CSV (Macintosh)» writes them.)
func transcodeMain() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: transcode ENCODING IN OUT")
		os.Exit(2)
	}
	encs := map[string]encoding.Encoding{
		"windows-1251":   charmap.Windows1251,
		"koi8-r":         charmap.KOI8R,
		"utf-16le":       unicode.UTF16(unicode.LittleEndian, unicode.UseBOM),
		"utf-16be":       unicode.UTF16(unicode.BigEndian, unicode.UseBOM),
		"utf-16le-nobom": unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
	}
	in, err := os.ReadFile(os.Args[2])
	switch os.Args[1] {
	case "utf-8-bom":
		in = append([]byte("\uFEFF"), in...)
		err = errors.Join(err, os.WriteFile(os.Args[3], in, 0o644))
		exitOn(err)
		return
	case "crlf", "cr":
		in = bytes.ReplaceAll(in, []byte("\n"), []byte(map[string]string{"crlf": "\r\n", "cr": "\r"}[os.Args[1]]))
		err = errors.Join(err, os.WriteFile(os.Args[3], in, 0o644))
		exitOn(err)
		return
	}
	enc, ok := encs[os.Args[1]]
	if !ok {
		fmt.Fprintln(os.Stderr, "transcode: unknown encoding", os.Args[1])
		os.Exit(2)
	}
	if err == nil {
		var out []byte
		if out, err = enc.NewEncoder().Bytes(in); err == nil {
			err = os.WriteFile(os.Args[3], out, 0o644)
		}
	}
	exitOn(err)
}

func exitOn(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "transcode:", err)
		os.Exit(1)
	}
}
