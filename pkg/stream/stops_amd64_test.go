package stream

import "testing"

// The differential tests again with the scanners that check the text
// themselves, as on a CPU without AVX2 (this machine has it, so the tests
// above go through the stop bitmap).
func TestWithoutAVX2(t *testing.T) {
	if !haveStops {
		t.Skip("no AVX2 here: the other tests already take this path")
	}
	defer func() { haveStops = true }()
	haveStops = false
	t.Run("FastPathMatchesExact", TestFastPathMatchesExact)
	t.Run("StreamMatchesHolding", TestStreamMatchesHolding)
}
