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
