package impact

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// ParseAmount parses an amount of money in c as ParseNumber does. For text
// it refuses, the hint is written for c: a figure to write only with c's
// minor digits (45000 for JPY, "45000.000" for BHD), none when the figure
// meant has more decimals than c allows or is not more than zero, and a
// currency sign or code that disagrees with c is named ("£ is GBP, but
// currency says EUR"). site says that c is the site's currency, the entry
// giving none. Every figure a hint gives, CheckAmount accepts.
func ParseAmount(s string, c Currency, site bool) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	if numberRE.MatchString(t) {
		return ParseNumber(s)
	}
	r, ok := ReadLoosely(t)
	hint := amountHint(r, ok, c)
	if r.Currency != "" {
		hint += currencyNote(r.Currency, c, site)
	}
	return decimal.Decimal{}, notANumber(fmt.Sprintf("%q is not a number%s", s, hint))
}

// amountHint is the end of ParseAmount's message for a reading r of the
// text, sure (ok) or not.
func amountHint(r Reading, ok bool, c Currency) string {
	switch {
	case !ok:
		return unsureHint(r)
	case r.Unit == "%":
		return ": an amount is money, not a percentage: write the amount, in digits"
	case r.Unit != "":
		return fmt.Sprintf(", since it holds a unit (%s): an amount is money: write the amount, in digits", r.Unit)
	case !r.Number.IsPositive():
		return ", and an amount must be more than zero: write the amount given, in digits, without a minus"
	}
	if n := decimals(r.Number); n > c.Digits {
		if c.Digits == 0 {
			return ", and it has decimals, but " + c.Code + " has no minor unit: write a whole number, in digits"
		}
		return fmt.Sprintf(", and it has %d decimals, but %s has %d: write the amount in digits, with %d decimals at most", n, c.Code, c.Digits, c.Digits)
	}
	plain := r.Text
	if writtenDecimals(plain) > c.Digits {
		plain = r.Number.StringFixed(c.Digits) // "45000.00" in JPY is 45000
	}
	figures := plain
	if fixed := r.Number.StringFixed(c.Digits); c.Digits > 0 {
		figures += ` or "` + fixed + `"`
	}
	if CheckAmount(r.Number, c, "amount") != nil {
		// 1.500 in GBP: which the point is, is not clear.
		return ", and which number it means is not clear: write digits only, with an optional decimal point"
	}
	if r.Multiplier != "" {
		return fmt.Sprintf(": write it in full, in digits, without %s: %s", r.Multiplier, figures)
	}
	if c.Digits == 0 {
		return ": write digits, with no currency symbol or thousands separator, such as " + figures
	}
	return ": write digits, with an optional decimal point and no currency symbol or thousands separator, such as " + figures
}

// ParseTonnes parses tonnes of CO2e as ParseNumber does. For text it
// refuses, the hint speaks of tonnes: kilograms are turned into tonnes
// ("31,400 kg" is 31.4), and no figure is given that is not more than
// zero or is finer than the kilogram (TonnesDigits).
func ParseTonnes(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	if numberRE.MatchString(t) {
		return ParseNumber(s)
	}
	r, ok := ReadLoosely(t)
	return decimal.Decimal{}, notANumber(tonnesMessage(s, r, ok))
}

// tonnesMessage is ParseTonnes's message for a text s, read as r, sure
// (ok) or not.
func tonnesMessage(s string, r Reading, ok bool) string {
	notA := fmt.Sprintf("%q is not a number", s)
	finer := func(n int32) string {
		return fmt.Sprintf(", and it has %d decimals, but tonnes are counted to the kilogram: write the tonnes in digits, with %d decimals at most", n, TonnesDigits)
	}
	switch {
	case !ok:
		return notA + unsureHint(r)
	case r.Currency != "":
		return fmt.Sprintf("%s, and it holds a currency (%s), but tonnes are of CO2e, not money: write the tonnes, in digits, and what the offset cost as cost", notA, r.Currency)
	case r.Unit == "%":
		return notA + ": tonnes are not a percentage: write the tonnes, in digits"
	case !r.Number.IsPositive():
		return notA + ", and tonnes must be more than zero: write the tonnes, in digits, without a minus"
	case r.Unit == "kg":
		tonnes := r.Number.Shift(-3)
		if decimals(tonnes) > TonnesDigits {
			return fmt.Sprintf("%q is in kilograms, to less than a kilogram, but tonnes are counted to the kilogram: write the tonnes, without a unit, with %d decimals at most", s, TonnesDigits)
		}
		return fmt.Sprintf("%q is in kilograms: write it in tonnes, without a unit: %s", s, tonnes.String())
	case decimals(r.Number) > TonnesDigits:
		return notA + finer(decimals(r.Number))
	case r.Unit == "t":
		return notA + ": write the tonnes alone, without a unit: " + r.Number.String()
	case r.Multiplier != "":
		return fmt.Sprintf("%s: write the tonnes in full, in digits, without %s: %s", notA, r.Multiplier, r.Number.String())
	}
	return notA + ": write the tonnes in digits, with an optional decimal point and no thousands separator, such as " + r.Number.String()
}

// unsureHint is the end of a message for text that ReadLoosely is not sure
// of: why, when it knows.
func unsureHint(r Reading) string {
	if r.Ambiguous != "" {
		return ", and " + r.Ambiguous + ": write digits only, with an optional decimal point"
	}
	return ", and which number it means is not clear: write digits only, with an optional decimal point"
}

// currencyNote is the end of an amount's message when the sign or code
// it was written with (sign, as written) disagrees with its currency c:
// "; £ is GBP, but currency says EUR: check which is right". It is ""
// when they agree, or when the sign is not known.
func currencyNote(sign string, c Currency, site bool) string {
	codes, is := signCurrencies(sign)
	if len(codes) == 0 || slices.Contains(codes, c.Code) {
		return ""
	}
	if !site {
		return fmt.Sprintf("; %s, but currency says %s: check which is right", is, c.Code)
	}
	return fmt.Sprintf("; %s, but the entry has no currency, so it counts in the site's, %s: check which is right, and give the entry's currency", is, c.Code)
}

// The currencies a sign or word may stand for, the usual one first.
var (
	poundCodes  = []string{"GBP", "EGP", "FKP", "GIP", "SHP", "SSP", "SYP", "LBP"}
	dollarCodes = []string{"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "JMD", "BSD", "BBD", "BZD", "BMD", "BND", "FJD", "GYD", "KYD", "LRD", "NAD", "SBD", "SRD", "TTD", "XCD",
		"MXN", "ARS", "CLP", "COP", "CUP", "DOP", "UYU", "BRL"} // and the pesos, and the real (R$), written with $ too
)

// signCurrencies returns the codes a currency sign, word or code, as
// ReadLoosely found it, stands for, and a clause that says so ("£ is
// GBP"); none for a sign it does not know.
func signCurrencies(sign string) ([]string, string) {
	if len(sign) == 3 && strings.Trim(sign, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return []string{sign}, "it says " + sign
	}
	var codes []string
	switch strings.ToLower(sign) {
	case "£", "pound", "pounds", "sterling", "pound sterling", "pounds sterling":
		codes = poundCodes
	case "€", "euro", "euros":
		codes = []string{"EUR"}
	case "$", "dollar", "dollars":
		return dollarCodes, sign + " is a dollar (USD, CAD, AUD…)"
	case "us$":
		codes = []string{"USD"}
	case "a$", "au$":
		codes = []string{"AUD"}
	case "c$", "ca$":
		codes = []string{"CAD"}
	case "nz$":
		codes = []string{"NZD"}
	case "¥":
		return []string{"JPY", "CNY"}, "¥ is JPY or CNY"
	case "₹":
		codes = []string{"INR"}
	default:
		return nil, ""
	}
	return codes, sign + " is " + codes[0]
}

// writtenDecimals is the number of decimals of a plain number as written,
// trailing zeros included: 3 for "1250.500".
func writtenDecimals(s string) int32 {
	_, frac, _ := strings.Cut(s, ".")
	return int32(len(frac))
}

// notANumber is ParseAmount's and ParseTonnes's error: its message, which
// is ErrNotANumber.
type notANumber string

func (e notANumber) Error() string        { return string(e) }
func (e notANumber) Is(target error) bool { return target == ErrNotANumber }
