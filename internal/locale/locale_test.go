package locale

import (
	"sync"
	"testing"
	"time"

	"github.com/bojanz/currency"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// The spaces CLDR puts in numbers and beside symbols.
const (
	nb = "\u00a0" // no-break space
	nn = "\u202f" // narrow no-break space: French thousands
)

// locales are the ones every table below covers.
var locales = []string{"en-GB", "en-US", "en-IN", "fr-FR", "de-DE", "de-CH", "es-ES", "nl-NL", "pt-BR", "ja-JP"}

func cur(t *testing.T, code string) impact.Currency {
	t.Helper()
	c, err := impact.ParseCurrency(code)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func money(t *testing.T, amount, code string) impact.Money {
	t.Helper()
	return impact.Money{Amount: decimal.RequireFromString(amount), Currency: cur(t, code)}
}

func tonnes(s string) impact.Tonnes { return impact.Tonnes{Decimal: decimal.RequireFromString(s)} }

func TestDate(t *testing.T) {
	day := time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC)
	tests := []struct{ lang, want string }{
		{"en-GB", "15 January 2021"},
		{"en-US", "January 15, 2021"},
		{"en-IN", "15 January 2021"},
		{"fr-FR", "15 janvier 2021"},
		{"de-DE", "15. Januar 2021"},
		{"de-CH", "15. Januar 2021"},
		{"es-ES", "15 de enero de 2021"},
		{"nl-NL", "15 januari 2021"},
		{"pt-BR", "15 de janeiro de 2021"},
		{"ja-JP", "2021年1月15日"},
		// A language alone, a region CLDR has no data of its own for, and
		// what CLDR does not know.
		{"fr", "15 janvier 2021"},
		{"en", "January 15, 2021"},
		{"de-AT", "15. Jänner 2021"},
		{"pl-PL", "15 stycznia 2021"},
		{"en-NZ", "15 January 2021"},
		{"tlh", "January 15, 2021"},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			covered[tt.lang] = true
			if have := New(language.MustParse(tt.lang)).Date(day); have != tt.want {
				t.Errorf("have %q, want %q", have, tt.want)
			}
		})
	}
	for _, lang := range locales {
		if !covered[lang] {
			t.Errorf("no date test for %s", lang)
		}
	}
}

func TestMoney(t *testing.T) {
	codes := []string{"GBP", "EUR", "USD", "JPY", "CHF", "INR"}
	tests := []struct {
		lang, amount string
		want         []string // one per code, in codes' order
	}{
		// A currency foreign to the locale whose sign another currency
		// shares gets CLDR's international symbol: US$, JP¥.
		{"en-GB", "112000", []string{"£112,000", "€112,000", "US$112,000", "JP¥112,000", "CHF" + nb + "112,000", "₹112,000"}},
		{"en-GB", "4250.5", []string{"£4,250.50", "€4,250.50", "US$4,250.50", "JP¥4,251", "CHF" + nb + "4,250.50", "₹4,250.50"}},
		{"en-US", "112000", []string{"£112,000", "€112,000", "$112,000", "JP¥112,000", "CHF" + nb + "112,000", "₹112,000"}},
		{"en-US", "4250.5", []string{"£4,250.50", "€4,250.50", "$4,250.50", "JP¥4,251", "CHF" + nb + "4,250.50", "₹4,250.50"}},
		{"en-IN", "112000", []string{"£1,12,000", "€1,12,000", "US$1,12,000", "JP¥1,12,000", "CHF" + nb + "1,12,000", "₹1,12,000"}},
		{"en-IN", "4250.5", []string{"£4,250.50", "€4,250.50", "US$4,250.50", "JP¥4,251", "CHF" + nb + "4,250.50", "₹4,250.50"}},
		{"fr-FR", "112000", []string{"112" + nn + "000" + nb + "£GB", "112" + nn + "000" + nb + "€", "112" + nn + "000" + nb + "$US", "112" + nn + "000" + nb + "JP¥", "112" + nn + "000" + nb + "CHF", "112" + nn + "000" + nb + "₹"}},
		{"fr-FR", "4250.5", []string{"4" + nn + "250,50" + nb + "£GB", "4" + nn + "250,50" + nb + "€", "4" + nn + "250,50" + nb + "$US", "4" + nn + "251" + nb + "JP¥", "4" + nn + "250,50" + nb + "CHF", "4" + nn + "250,50" + nb + "₹"}},
		{"de-DE", "112000", []string{"112.000" + nb + "£", "112.000" + nb + "€", "112.000" + nb + "US$", "112.000" + nb + "JP¥", "112.000" + nb + "CHF", "112.000" + nb + "₹"}},
		{"de-DE", "4250.5", []string{"4.250,50" + nb + "£", "4.250,50" + nb + "€", "4.250,50" + nb + "US$", "4.251" + nb + "JP¥", "4.250,50" + nb + "CHF", "4.250,50" + nb + "₹"}},
		// CLDR 48 and 49 group Swiss German with an apostrophe, U+0027.
		{"de-CH", "112000", []string{"£" + nb + "112'000", "€" + nb + "112'000", "US$" + nb + "112'000", "JP¥" + nb + "112'000", "CHF" + nb + "112'000", "₹" + nb + "112'000"}},
		{"de-CH", "4250.5", []string{"£" + nb + "4'250.50", "€" + nb + "4'250.50", "US$" + nb + "4'250.50", "JP¥" + nb + "4'251", "CHF" + nb + "4'250.50", "₹" + nb + "4'250.50"}},
		// Spanish groups from five digits on.
		{"es-ES", "112000", []string{"112.000" + nb + "£", "112.000" + nb + "€", "112.000" + nb + "US$", "112.000" + nb + "JP¥", "112.000" + nb + "CHF", "112.000" + nb + "₹"}},
		{"es-ES", "4250.5", []string{"4250,50" + nb + "£", "4250,50" + nb + "€", "4250,50" + nb + "US$", "4251" + nb + "JP¥", "4250,50" + nb + "CHF", "4250,50" + nb + "₹"}},
		{"nl-NL", "112000", []string{"£" + nb + "112.000", "€" + nb + "112.000", "US$" + nb + "112.000", "JP¥" + nb + "112.000", "CHF" + nb + "112.000", "₹" + nb + "112.000"}},
		{"nl-NL", "4250.5", []string{"£" + nb + "4.250,50", "€" + nb + "4.250,50", "US$" + nb + "4.250,50", "JP¥" + nb + "4.251", "CHF" + nb + "4.250,50", "₹" + nb + "4.250,50"}},
		{"pt-BR", "112000", []string{"£" + nb + "112.000", "€" + nb + "112.000", "US$" + nb + "112.000", "JP¥" + nb + "112.000", "CHF" + nb + "112.000", "₹" + nb + "112.000"}},
		{"pt-BR", "4250.5", []string{"£" + nb + "4.250,50", "€" + nb + "4.250,50", "US$" + nb + "4.250,50", "JP¥" + nb + "4.251", "CHF" + nb + "4.250,50", "₹" + nb + "4.250,50"}},
		{"ja-JP", "112000", []string{"£112,000", "€112,000", "US$112,000", "￥112,000", "CHF" + nb + "112,000", "₹112,000"}},
		{"ja-JP", "4250.5", []string{"£4,250.50", "€4,250.50", "US$4,250.50", "￥4,251", "CHF" + nb + "4,250.50", "₹4,250.50"}},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.lang] = true
		l := New(language.MustParse(tt.lang))
		for i, code := range codes {
			t.Run(tt.lang+"/"+tt.amount+"/"+code, func(t *testing.T) {
				if have := l.Money(money(t, tt.amount, code)); have != tt.want[i] {
					t.Errorf("have %q, want %q", have, tt.want[i])
				}
			})
		}
	}
	for _, lang := range locales {
		if !covered[lang] {
			t.Errorf("no money test for %s", lang)
		}
	}
}

func TestMoneyRounding(t *testing.T) {
	l := New(language.BritishEnglish)
	tests := []struct{ amount, code, want string }{
		{"999", "GBP", "£999"},
		{"1000000.01", "GBP", "£1,000,000.01"},
		{"1250.5", "GBP", "£1,250.50"},
		{"0.005", "GBP", "£0.01"},                // half away from zero, to the penny
		{"99.999", "GBP", "£100"},                // whole once rounded
		{"12.345", "BHD", "BHD" + nb + "12.345"}, // three minor digits
		{"-20.5", "EUR", "-€20.50"},
		{"2750.30", "EUR", "€2,750.30"},
	}
	for _, tt := range tests {
		t.Run(tt.amount+tt.code, func(t *testing.T) {
			if have := l.Money(money(t, tt.amount, tt.code)); have != tt.want {
				t.Errorf("have %q, want %q", have, tt.want)
			}
		})
	}
}

func TestTonnes(t *testing.T) {
	amounts := []string{"31.400", "93.975", "12", "28571", "1234567.5", "0.0005"}
	tests := []struct {
		lang string
		want []string // one per amount
	}{
		{"en-GB", []string{"31.4", "93.975", "12", "28,571", "1,234,567.5", "0.001"}},
		{"en-US", []string{"31.4", "93.975", "12", "28,571", "1,234,567.5", "0.001"}},
		{"en-IN", []string{"31.4", "93.975", "12", "28,571", "12,34,567.5", "0.001"}},
		{"fr-FR", []string{"31,4", "93,975", "12", "28" + nn + "571", "1" + nn + "234" + nn + "567,5", "0,001"}},
		{"de-DE", []string{"31,4", "93,975", "12", "28.571", "1.234.567,5", "0,001"}},
		{"de-CH", []string{"31.4", "93.975", "12", "28'571", "1'234'567.5", "0.001"}},
		{"es-ES", []string{"31,4", "93,975", "12", "28.571", "1.234.567,5", "0,001"}},
		{"nl-NL", []string{"31,4", "93,975", "12", "28.571", "1.234.567,5", "0,001"}},
		{"pt-BR", []string{"31,4", "93,975", "12", "28.571", "1.234.567,5", "0,001"}},
		{"ja-JP", []string{"31.4", "93.975", "12", "28,571", "1,234,567.5", "0.001"}},
		// Austrian German writes money "€ 31.400,50" but numbers "31 400,5".
		{"de-AT", []string{"31,4", "93,975", "12", "28" + nb + "571", "1" + nb + "234" + nb + "567,5", "0,001"}},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.lang] = true
		l := New(language.MustParse(tt.lang))
		for i, a := range amounts {
			t.Run(tt.lang+"/"+a, func(t *testing.T) {
				if have := l.Tonnes(tonnes(a)); have != tt.want[i] {
					t.Errorf("have %q, want %q", have, tt.want[i])
				}
			})
		}
	}
	for _, lang := range locales {
		if !covered[lang] {
			t.Errorf("no tonnes test for %s", lang)
		}
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		lang, n string
		digits  int32
		want    string
	}{
		{"en-GB", "2500", 0, "2,500"},
		{"en-GB", "12.5", 1, "12.5"},
		{"en-GB", "12.25", 1, "12.3"},
		{"en-GB", "60", 1, "60.0"},
		{"en-GB", "-1234.5", 1, "-1,234.5"},
		{"en-IN", "112000", 0, "1,12,000"},
		{"fr-FR", "2500", 0, "2" + nn + "500"},
		{"de-DE", "2500", 0, "2.500"},
		{"es-ES", "2500", 0, "2500"},
		{"es-ES", "25000", 0, "25.000"},
		{"de-CH", "1234.5", 2, "1'234.50"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.n, func(t *testing.T) {
			if have := New(language.MustParse(tt.lang)).Number(decimal.RequireFromString(tt.n), tt.digits); have != tt.want {
				t.Errorf("have %q, want %q", have, tt.want)
			}
		})
	}
}

func TestSums(t *testing.T) {
	l := New(language.German)
	if have, want := l.Sums(nil), "—"; have != want {
		t.Errorf("have %q, want %q", have, want)
	}
	s := impact.Sums{money(t, "158200", "GBP"), money(t, "1250.5", "EUR")}
	if have, want := l.Sums(s), "158.200"+nb+"£ + 1.250,50"+nb+"€"; have != want {
		t.Errorf("have %q, want %q", have, want)
	}
}

// TestSymbolsUnambiguous checks that no two currencies share a symbol in
// any locale the tables cover, nor in a few whose own currency is a dollar
// or a yen.
func TestSymbolsUnambiguous(t *testing.T) {
	for _, lang := range append(locales, "en", "fr", "de", "en-AU", "en-CA", "es-MX", "zh-CN", "sv-SE", "da-DK") {
		t.Run(lang, func(t *testing.T) {
			l := New(language.MustParse(lang))
			seen := map[string]string{}
			for _, code := range currency.GetCurrencyCodes() {
				c, err := impact.ParseCurrency(code)
				if err != nil {
					continue // XXX, XTS
				}
				s := l.Symbol(c)
				if other, ok := seen[s]; ok {
					t.Errorf("%s and %s are both written %q", other, code, s)
				}
				seen[s] = code
			}
		})
	}
}

func TestSymbol(t *testing.T) {
	tests := []struct{ lang, code, want string }{
		{"en-US", "USD", "$"},   // its own dollar
		{"en-AU", "AUD", "$"},   // its own dollar
		{"en-AU", "USD", "US$"}, // CLDR's own
		{"de-DE", "USD", "US$"}, // "$" in CLDR's German
		{"fr-FR", "USD", "$US"}, // CLDR's French has letters already
		{"zh-CN", "CNY", "¥"},   // its own yuan
		{"zh-CN", "JPY", "JP¥"}, // CLDR's own
		{"en-US", "JPY", "JP¥"}, // "¥" in CLDR's English
		{"de-DE", "GBP", "£"},   // "£" in en-001 too
		{"fr-FR", "GBP", "£GB"}, // CLDR's French
		{"en-GB", "CAD", "CA$"}, // CLDR's own
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.code, func(t *testing.T) {
			if have := New(language.MustParse(tt.lang)).Symbol(cur(t, tt.code)); have != tt.want {
				t.Errorf("have %q, want %q", have, tt.want)
			}
		})
	}
}

// TestConcurrent formats from several goroutines at once, for -race, and
// checks they all write what one goroutine alone writes.
func TestConcurrent(t *testing.T) {
	var amounts []impact.Money
	for _, code := range []string{"GBP", "EUR", "USD", "JPY"} {
		amounts = append(amounts, money(t, "2750.30", code), money(t, "2750", code))
	}
	var want []string
	for _, m := range amounts {
		want = append(want, New(language.French).Money(m))
	}
	l := New(language.French)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, m := range amounts {
				if have := l.Money(m); have != want[i] {
					t.Errorf("have %q, want %q", have, want[i])
				}
				l.Tonnes(tonnes("31.4"))
			}
		})
	}
	wg.Wait()
}

func BenchmarkMoney(b *testing.B) {
	l := New(language.BritishEnglish)
	gbp, _ := impact.ParseCurrency("GBP")
	m := impact.Money{Amount: decimal.RequireFromString("1250.5"), Currency: gbp}
	for b.Loop() {
		l.Money(m)
	}
}

func BenchmarkTonnes(b *testing.B) {
	l := New(language.French)
	t := tonnes("31.400")
	for b.Loop() {
		l.Tonnes(t)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New(language.French)
	}
}
