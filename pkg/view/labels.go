package view

import (
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
)

// GroupLabel names a group in the reader's language.
func GroupLabel(by parks.Dimension, g *parks.Group, lang i18n.Lang) string {
	switch by {
	case parks.ByDistrict:
		if gaz, err := refdata.Gazetteer(); err == nil {
			if d := gaz.ByKATO(g.Key); d != nil {
				return d.Name(string(lang))
			}
		}
	case parks.ByKind:
		return i18n.T(lang, "kind."+g.Key)
	case parks.ByStatus:
		if g.Key == "" {
			return i18n.T(lang, "unknown")
		}
		return i18n.T(lang, "status."+g.Key)
	case parks.BySector:
		if g.Key == "" {
			return i18n.T(lang, "unknown")
		}
		if sec, err := refdata.Sectors(); err == nil {
			if s, ok := sec.Lookup(g.Key); ok {
				return s.Label(string(lang))
			}
		}
	case parks.ByFacility:
		if g.Facility != nil {
			return string(g.Facility.Name)
		}
	}
	return g.Key
}

// RegionName names a dataset's region in a language when the gazetteer
// knows it ("Turkistan region" → "Түркістан облысы"), else as written.
func RegionName(name string, lang i18n.Lang) string {
	if gaz, err := refdata.Gazetteer(); err == nil && name != "" {
		if r := gaz.RegionByName(name); r != nil {
			return r.Name(string(lang))
		}
	}
	return name
}

func DistrictName(kato string, lang i18n.Lang) string {
	if gaz, err := refdata.Gazetteer(); err == nil {
		if d := gaz.ByKATO(kato); d != nil {
			return d.Name(string(lang))
		}
	}
	return kato
}

// SectorLabel names a sector code in a language; unknown sectors pass
// through as written.
func SectorLabel(lang i18n.Lang, code string) string {
	if sec, err := refdata.Sectors(); err == nil {
		if s, ok := sec.Lookup(code); ok {
			return s.Label(string(lang))
		}
	}
	return code
}

func StatusLabel(lang i18n.Lang, s parks.Status) string {
	if s == "" {
		return i18n.Null
	}
	return i18n.T(lang, "status."+string(s))
}
