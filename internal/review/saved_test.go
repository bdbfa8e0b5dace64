package review

import (
	"reflect"
	"testing"
)

// TestRestore: a Post restored from what Save gave is the Post Read made,
// every field of it, unexported ones too; one with problems is not saved.
func TestRestore(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: Our green year\nsummary: \"Eco-friendly, again.\"\ndate: 2021-01-15\n---\nBody.\n",
		"---\ntitle: T\ndate: 2021-01-15\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 45000\n---\nWe gave £45k to WWF and £150,000 to PUR Projet.\n",
		"---\ntitle: T\ndate: 2021-01-15\nimpact:\n  emissions:\n    - source: Deliveries\n      tonnes: \"60\"\n---\nDeliveries made 60% of it.\n",
		"---\ntitle: T\ndate: 2021-01-15\nclaims:\n  accept:\n    generic-claim: \"Reviewed 2026-11-02 by legal\"\n---\nOur green packaging.\n",
	} {
		p, r := read(t, src, Options{Lang: "en-GB"})
		s, ok := r.Save()
		if !ok {
			t.Fatalf("not saved: %v", r.Problems)
		}
		if back := Restore(p, s); !reflect.DeepEqual(back, r) {
			t.Errorf("restored:\n%#v\nread:\n%#v", back, r)
		}
	}
	_, r := read(t, "---\ntitle: T\ndate: 2021-01-15\nclaims:\n  accept:\n    no-such-rule: \"x\"\n---\nHi.\n", Options{Lang: "en-GB"})
	if _, ok := r.Save(); ok {
		t.Error("a Post with problems was saved")
	}
}
