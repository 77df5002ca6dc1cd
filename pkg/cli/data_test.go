package cli

import (
	"testing"

	"github.com/parks-kz/parks/pkg/i18n"
)

func TestLangResolution(t *testing.T) {
	tests := []struct {
		flag string
		env  map[string]string
		want i18n.Lang
		err  bool
	}{
		{"", nil, i18n.EN, false},
		{"kk", map[string]string{"PARKS_LANG": "ru"}, i18n.KK, false},
		{"RU", nil, i18n.RU, false},
		{"de", nil, "", true},
		{"", map[string]string{"PARKS_LANG": "kk"}, i18n.KK, false},
		{"", map[string]string{"PARKS_LANG": "xx"}, "", true},
		{"", map[string]string{"LANG": "kk_KZ.UTF-8"}, i18n.KK, false},
		{"", map[string]string{"LANG": "ru_RU.UTF-8"}, i18n.RU, false},
		{"", map[string]string{"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}, i18n.EN, false},
		{"", map[string]string{"LC_MESSAGES": "ru_KZ.UTF-8", "LANG": "kk_KZ.UTF-8"}, i18n.RU, false},
		{"", map[string]string{"LANG": "en_US.UTF-8"}, i18n.EN, false},
		{"", map[string]string{"PARKS_LANG": "kk", "LANG": "ru_RU.UTF-8"}, i18n.KK, false},
		{"", map[string]string{"PARKS_LANG": "kk_KZ.UTF-8"}, i18n.KK, false},
		{"", map[string]string{"LC_ALL": "kk_KZ.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"}, i18n.KK, false},
		{"", map[string]string{"LANG": "de_DE.UTF-8"}, i18n.EN, false},
	}
	for _, tc := range tests {
		o := &dataOptions{Lang: tc.flag}
		streams := &IO{Getenv: func(k string) string { return tc.env[k] }}
		got, err := o.lang(streams)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("flag %q env %v: got %q, %v; want %q (error %v)", tc.flag, tc.env, got, err, tc.want, tc.err)
		}
	}
}
