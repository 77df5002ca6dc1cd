package cli

import (
	"testing"

	"github.com/parks-kz/parks/pkg/i18n"
)

// The output language: --lang, then PARKS_LANG, then the first locale
// variable set, then the desktop's display language (Windows), then en.
func TestLanguageResolution(t *testing.T) {
	kk := func() i18n.Lang { return i18n.KK }
	for _, tc := range []struct {
		flag string
		env  map[string]string
		ui   func() i18n.Lang
		want i18n.Lang
	}{
		{"", nil, nil, i18n.EN},
		{"", nil, kk, i18n.KK},
		{"ru", nil, kk, i18n.RU},
		{"", map[string]string{"PARKS_LANG": "ru"}, kk, i18n.RU},
		{"", map[string]string{"LANG": "ru_RU.UTF-8"}, kk, i18n.RU},
		{"", map[string]string{"LC_ALL": "C.UTF-8", "LANG": "ru_RU.UTF-8"}, kk, i18n.EN},
		{"", map[string]string{"LANG": "en_US.UTF-8"}, kk, i18n.EN},
		{"", map[string]string{"LC_MESSAGES": "kk_KZ"}, nil, i18n.KK},
	} {
		streams := &IO{Getenv: func(k string) string { return tc.env[k] }, UILang: tc.ui}
		got, err := (&dataOptions{Lang: tc.flag}).lang(streams)
		if err != nil || got != tc.want {
			t.Errorf("--lang %q, env %v, ui set %v: %q, %v; want %q", tc.flag, tc.env, tc.ui != nil, got, err, tc.want)
		}
	}
	if _, err := (&dataOptions{}).lang(&IO{Getenv: func(k string) string { return map[string]string{"PARKS_LANG": "de"}[k] }}); err == nil {
		t.Error("PARKS_LANG=de accepted")
	}
}
