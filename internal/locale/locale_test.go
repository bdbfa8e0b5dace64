package locale

import (
	"testing"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

func TestMoney(t *testing.T) {
	cur := func(code string) impact.Currency {
		c, err := impact.ParseCurrency(code)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		lang, amount, code, want string
	}{
		{"en-GB", "112000", "GBP", "£112,000"},
		{"en-GB", "1250.5", "GBP", "£1,250.50"},
		{"en-GB", "150000", "JPY", "JP¥150,000"},
		{"en-GB", "4250.50", "USD", "US$4,250.50"},
		{"fr", "45000", "EUR", "45\u00a0000\u00a0€"},
		{"de", "2500.75", "EUR", "2.500,75\u00a0€"},
		{"en-GB", "999", "GBP", "£999"},
		{"en-GB", "1000000.01", "GBP", "£1,000,000.01"},
	}
	for _, tt := range tests {
		l := New(language.MustParse(tt.lang))
		have := l.Money(impact.Money{Amount: decimal.RequireFromString(tt.amount), Currency: cur(tt.code)})
		if have != tt.want {
			t.Errorf("%s %s %s: have %q, want %q", tt.lang, tt.amount, tt.code, have, tt.want)
		}
	}
}

func TestTonnes(t *testing.T) {
	l := New(language.MustParse("en-GB"))
	if have, want := l.Tonnes(impact.Tonnes{Decimal: decimal.RequireFromString("1234.5")}), "1,234.500"; have != want {
		t.Errorf("have %q, want %q", have, want)
	}
}
