package refdata

import (
	"regexp"
	"testing"
)

var latin = regexp.MustCompile(`[A-Za-z]`)

// Every sector and district reads in all three languages, and the sector
// vocabulary covers the sectors of the source article.
func TestLabelsInEveryLanguage(t *testing.T) {
	sec, err := Sectors()
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"furniture", "sprinkler_irrigation", "beverages", "refrigerators", "construction_materials",
		"plastics_rubber", "chemicals", "household_chemicals", "medical_furniture", "video_equipment",
		"light_industry", "food", "agri_processing"} {
		if _, ok := sec.Lookup(code); !ok {
			t.Errorf("sector %s missing", code)
		}
	}
	for _, s := range sec.List {
		for lang, label := range map[string]string{"kk": s.KK, "ru": s.RU, "en": s.EN} {
			if label == "" || lang != "en" && latin.MatchString(label) {
				t.Errorf("sector %s: %s label %q", s.Code, lang, label)
			}
		}
	}
	gaz, err := Gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range gaz.Regions {
		for _, d := range r.Districts {
			for lang, name := range map[string]string{"kk": d.KK, "ru": d.RU, "en": d.EN} {
				if name == "" || lang != "en" && latin.MatchString(name) {
					t.Errorf("district %s: %s name %q", d.KATO, lang, name)
				}
			}
		}
	}
}
