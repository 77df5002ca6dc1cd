package i18n

import "strings"

// FromLocale is the language of a locale name as the environment and the
// operating systems write it: POSIX ("kk_KZ.UTF-8", "ru_RU@euro"), BCP 47
// and Windows ("ru-RU", "kk-Cyrl-KZ") or bare ("kk"). ok is false when the
// name is none of kk, ru or en.
func FromLocale(name string) (Lang, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if i := strings.IndexAny(name, "_-.@"); i >= 0 {
		name = name[:i]
	}
	for _, l := range Langs {
		if name == string(l) {
			return l, true
		}
	}
	return "", false
}

// Primary languages of Windows language identifiers (LANGID, the low ten
// bits), as winnt.h numbers them.
const (
	langEnglish = 0x09
	langRussian = 0x19
	langKazakh  = 0x3f
)

// FromLANGID is the language of a Windows language identifier, as
// GetUserDefaultUILanguage returns it (0x043F Kazakh (Kazakhstan), 0x0419
// Russian (Russia), 0x0819 Russian (Moldova) …): its primary language
// decides; any language other than Kazakh or Russian is English.
func FromLANGID(id uint16) Lang {
	switch id & 0x3ff {
	case langKazakh:
		return KK
	case langRussian:
		return RU
	}
	return EN
}
