package i18n

import "testing"

func TestFromLocale(t *testing.T) {
	for name, want := range map[string]Lang{
		"kk": KK, "kk_KZ.UTF-8": KK, "KK-KZ": KK, "kk-Cyrl-KZ": KK,
		"ru_RU.UTF-8": RU, "ru-RU": RU, "ru_UA@euro": RU, "ru": RU,
		"en_US.UTF-8": EN, "en-GB": EN,
		"": "", "C": "", "C.UTF-8": "", "POSIX": "", "de_DE.UTF-8": "", "kkk": "", "rus": "",
	} {
		got, ok := FromLocale(name)
		if got != want || ok != (want != "") {
			t.Errorf("FromLocale(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}

// Windows language identifiers of the display languages officials have
// (winnt.h: MAKELANGID(primary, sublanguage)).
func TestFromLANGID(t *testing.T) {
	for id, want := range map[uint16]Lang{
		0x043f: KK, // Kazakh (Kazakhstan)
		0x0419: RU, // Russian (Russia)
		0x0819: RU, // Russian (Moldova)
		0x0409: EN, // English (United States)
		0x0809: EN, // English (United Kingdom)
		0x0443: EN, // Uzbek (Latin): not a language of parks
		0x0422: EN, // Ukrainian
		0x0000: EN, // LANG_NEUTRAL
	} {
		if got := FromLANGID(id); got != want {
			t.Errorf("FromLANGID(%#04x) = %q, want %q", id, got, want)
		}
	}
}
