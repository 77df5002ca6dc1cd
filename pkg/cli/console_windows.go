//go:build windows

package cli

import (
	"errors"
	"os"

	"github.com/parks-kz/parks/pkg/i18n"
	"golang.org/x/sys/windows"
)

const cpUTF8 = 65001

var procGetUserDefaultUILanguage = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetUserDefaultUILanguage")

// PrepareConsole readies the Windows console parks writes to: its output
// code page becomes UTF-8 (65001), so Kazakh and Russian letters come out
// right in cmd.exe, PowerShell and Windows Terminal; colour codes are
// turned on (virtual terminal processing) or, where the console cannot show
// them, left out; and the language follows the Windows display language
// when no flag or variable names one. restore puts the code page and
// console modes back as they were, for the programs run after parks.
func PrepareConsole(streams *IO) (restore func()) {
	streams.UILang = windowsUILang
	// The classic console (cmd.exe and PowerShell windows) moves the cursor
	// to the next line as soon as a line is full, so a line exactly as wide
	// as the window followed by parks' line feed leaves a blank line (and
	// under wine a broken last letter): tables and charts fit one column
	// less than the window.
	if streams.Width > 1 {
		streams.Width--
	}
	var undo []func()
	if streams.OutTTY || streams.ErrTTY {
		if cp, err := windows.GetConsoleOutputCP(); err == nil && cp != cpUTF8 {
			if windows.SetConsoleOutputCP(cpUTF8) == nil {
				undo = append(undo, func() { _ = windows.SetConsoleOutputCP(cp) })
			}
		}
	}
	if streams.OutTTY {
		h := windows.Handle(os.Stdout.Fd())
		var mode uint32
		switch {
		case windows.GetConsoleMode(h, &mode) != nil:
			streams.NoColor = true
		case mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0:
		case windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil:
			undo = append(undo, func() { _ = windows.SetConsoleMode(h, mode) })
		default:
			streams.NoColor = true // a console older than Windows 10 1511
		}
	}
	return func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
}

// windowsUILang is the language of the user's Windows display language
// (GetUserDefaultUILanguage); English when it is neither Kazakh nor Russian.
func windowsUILang() i18n.Lang {
	if err := procGetUserDefaultUILanguage.Find(); err != nil {
		return i18n.EN
	}
	id, _, _ := procGetUserDefaultUILanguage.Call()
	return i18n.FromLANGID(uint16(id))
}

// brokenPipe reports whether a write failed because the reader of the pipe
// went away (`parks list | Select-Object -First 5`, `| more` quit early):
// Windows says ERROR_NO_DATA ("the pipe is being closed"), wine
// ERROR_PIPE_NOT_CONNECTED, where Linux sends SIGPIPE.
func brokenPipe(err error) bool {
	for _, e := range []error{windows.ERROR_NO_DATA, windows.ERROR_BROKEN_PIPE, windows.ERROR_PIPE_NOT_CONNECTED} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
