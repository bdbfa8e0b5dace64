package suggest

import "testing"

func TestClosest(t *testing.T) {
	list := []string{"recipient", "amount", "currency", "project", "date", "url"}
	tests := []struct{ word, want string }{
		{"amout", "amount"},
		{"Amount", "amount"},
		{"reciepient", "recipient"},
		{"curr", "currency"},
		{"colour", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if have := Closest(tt.word, list); have != tt.want {
			t.Errorf("Closest(%q): have %q, want %q", tt.word, have, tt.want)
		}
	}
	if have := Distance("kitten", "sitting"); have != 3 {
		t.Errorf("Distance: have %d, want 3", have)
	}
}

func TestTypo(t *testing.T) {
	for _, tt := range []struct {
		word, target string
		want         bool
	}{
		{"imapct", "impact", true},
		{"impacts", "impact", true},
		{"impct", "impact", true},
		{"Impcat", "impact", true},
		{"inpact", "impact", true},
		{"IMPACT", "impact", false}, // the same word
		{"impact", "impact", false},
		{"import", "impact", false},
		{"compact", "impact", false},
		{"impactful", "impact", false},
		{"", "impact", false},
		{"donation", "donations", true},
		{"ofsets", "offsets", true},
		{"offset", "offsets", true},
		{"offers", "offsets", false},
	} {
		if have := Typo(tt.word, tt.target); have != tt.want {
			t.Errorf("Typo(%q, %q): have %v, want %v", tt.word, tt.target, have, tt.want)
		}
	}
}
