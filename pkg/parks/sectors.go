package parks

// Sector is one entry of the sector vocabulary.
type Sector struct {
	Code    string   `yaml:"code"`
	KK      string   `yaml:"kk"`
	RU      string   `yaml:"ru"`
	EN      string   `yaml:"en"`
	Aliases []string `yaml:"aliases"`
}

// Label returns the sector's name in a language.
func (s *Sector) Label(lang string) string {
	return (&District{KK: s.KK, RU: s.RU, EN: s.EN}).Name(lang)
}

// Sectors is the sector vocabulary, looked up by code or any label.
type Sectors struct {
	List  []Sector
	index map[string]*Sector
}

// NewSectors indexes a vocabulary.
func NewSectors(list []Sector) *Sectors {
	s := &Sectors{List: list, index: map[string]*Sector{}}
	for i := range s.List {
		sec := &s.List[i]
		for _, name := range append([]string{sec.Code, sec.KK, sec.RU, sec.EN}, sec.Aliases...) {
			s.index[NormalizeName(name)] = sec
		}
	}
	return s
}

// Lookup finds a sector by code, label or alias.
func (s *Sectors) Lookup(name string) (*Sector, bool) {
	sec, ok := s.index[NormalizeName(name)]
	return sec, ok
}

// Canonical returns the code for a known sector and the text as written for
// an unknown one, which passes through unchanged.
func (s *Sectors) Canonical(name string) (string, bool) {
	if sec, ok := s.Lookup(name); ok {
		return sec.Code, true
	}
	return name, false
}
