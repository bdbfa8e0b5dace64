package config

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/shopspring/decimal"
)

var yearRE = regexp.MustCompile(`^[12][0-9]{3}$`)

// parseRates reads the [rates.YEAR] tables of site.toml into c.Rates. A
// rate written as a string is read as a decimal; a rate written as a TOML
// number is read from its text in the file, so that 0.8897 stays exactly
// 0.8897 (a float would not).
func (c *Config) parseRates(src []byte, md toml.MetaData) problem.List {
	var raw struct {
		Rates map[string]any `toml:"rates"`
	}
	if !md.IsDefined("rates") {
		return nil
	}
	var problems problem.List
	if _, err := toml.Decode(string(src), &raw); err != nil {
		problems.Add(File, lineOf(src, "rates"), 0, "rates: %v", err)
		return problems
	}
	if c.Rates == nil {
		if c.Cur.Code == "" {
			return nil // currency is wrong, and already reported
		}
		c.Rates = impact.NewRates(c.Cur)
	}
	years := make([]string, 0, len(raw.Rates))
	for y := range raw.Rates {
		years = append(years, y)
	}
	sort.Strings(years)
	for _, y := range years {
		table, ok := raw.Rates[y].(map[string]any)
		line := tableLine(src, y)
		if !yearRE.MatchString(y) {
			problems.Add(File, line, 0, "rates.%s is not a year: write a table such as [rates.2020] with a line EUR = \"0.8897\"", y)
			continue
		}
		if !ok {
			problems.Add(File, line, 0, "rates.%s must be a table of rates, such as [rates.%s] with a line EUR = \"0.8897\"", y, y)
			continue
		}
		year, _ := strconv.Atoi(y)
		codes := make([]string, 0, len(table))
		for code := range table {
			codes = append(codes, code)
		}
		sort.Strings(codes)
		for _, code := range codes {
			at := rateLine(src, y, code)
			if at == 0 {
				at = line
			}
			cur, err := impact.ParseCurrency(code)
			if err != nil {
				problems.Add(File, at, 0, "rates.%s: %v", y, err)
				continue
			}
			if cur.Code == c.Rates.To.Code {
				problems.Add(File, at, 0, "rates.%s: %s is the reporting currency, whose rate is always 1: remove this line", y, code)
				continue
			}
			rate, err := rateValue(table[code], rawValue(src, y, code))
			if err != nil {
				problems.Add(File, at, 0, "rates.%s.%s: %v", y, code, err)
				continue
			}
			if !rate.IsPositive() {
				problems.Add(File, at, 0, "rates.%s.%s must be more than zero, not %s", y, code, rate.String())
				continue
			}
			c.Rates.Set(year, code, rate)
		}
	}
	return problems
}

// rateValue reads one rate as decoded, preferring its text in the file.
func rateValue(v any, text string) (decimal.Decimal, error) {
	switch v := v.(type) {
	case string:
		return impact.ParseNumber(v)
	case int64:
		return decimal.NewFromInt(v), nil
	case float64:
		if d, err := impact.ParseNumber(strings.ReplaceAll(text, "_", "")); err == nil {
			return d, nil
		}
		// Not found in the file (an inline table): the shortest decimal
		// that reads back as the same float is the one written, for up
		// to 15 significant digits.
		return decimal.RequireFromString(strconv.FormatFloat(v, 'f', -1, 64)), nil
	}
	return decimal.Decimal{}, impact.ErrNotANumber
}

var headerRE = regexp.MustCompile(`^\s*\[\s*([^\]]*?)\s*\]`)

// tableLine is the line of the [rates.YEAR] header; else of "YEAR = …"
// inside a [rates] table (rates written without years); else of that
// [rates] header, or of "rates = {…}"; 0 when not found.
func tableLine(src []byte, year string) int {
	bare := 0
	for i, l := range strings.Split(string(src), "\n") {
		if m := headerRE.FindStringSubmatch(l); m != nil {
			switch unquote(m[1]) {
			case "rates." + year:
				return i + 1
			case "rates":
				bare = i + 1
			}
		}
	}
	if line, _ := findKey(src, "rates", year); line > 0 {
		return line
	}
	if bare > 0 {
		return bare
	}
	return lineOf(src, "rates")
}

// rateLine is the line of "CODE = …" inside [rates.YEAR]; 0 when not found.
func rateLine(src []byte, year, code string) int {
	line, _ := findRate(src, year, code)
	return line
}

// rawValue is the text of the value of "CODE = …" inside [rates.YEAR].
func rawValue(src []byte, year, code string) string {
	_, v := findRate(src, year, code)
	return v
}

func findRate(src []byte, year, code string) (int, string) { return findKey(src, "rates."+year, code) }

// findKey finds "key = value" inside the table [table]: its line and the
// text of the value; 0 and "" when not found.
func findKey(src []byte, table, key string) (int, string) {
	keyRE := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=\s*([^#]*)`)
	in := false
	for i, l := range strings.Split(string(src), "\n") {
		if m := headerRE.FindStringSubmatch(l); m != nil && !strings.HasPrefix(strings.TrimSpace(l), "[[") {
			in = unquote(m[1]) == table
			continue
		}
		if m := keyRE.FindStringSubmatch(l); in && m != nil {
			return i + 1, strings.TrimSpace(m[1])
		}
	}
	return 0, ""
}

func unquote(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, `"`, ""), " ", "")
}
