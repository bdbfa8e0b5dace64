package config

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/shopspring/decimal"
)

var yearRE = regexp.MustCompile(`^[12][0-9]{3}$`)

// parseRates reads the [rates.YEAR] tables of site.toml into c.Rates, and
// reports every bad year, currency and rate. A rate written as a string is
// read as a decimal; a rate written as a TOML number is read from its text
// in the file, so that 0.8897 stays exactly 0.8897 (a float would not).
// With a reporting currency or currency that is wrong (and already
// reported), the rates are still checked, but not kept.
func (c *Config) parseRates(f *tomlFile, val toml.Primitive) problem.List {
	var problems problem.List
	years, ok := f.table(val)
	if !ok {
		line, col := f.valueAt(val)
		problems.Add(File, line, col, "rates must be tables, one per year, such as [rates.2020] with a line EUR = \"0.8897\"; it is %s", f.kindOf(val))
		return problems
	}
	if c.Rates == nil && c.Cur.Code != "" {
		c.Rates = impact.NewRates(c.Cur)
	}
	for _, y := range f.sortedKeys(years) {
		yv := years[y]
		if !yearRE.MatchString(y) {
			line, col := f.keyAt(yv)
			problems.Add(File, line, col, "rates.%s is not a year: write a table such as [rates.2020] with a line EUR = \"0.8897\"", y)
			continue
		}
		table, ok := f.table(yv)
		if !ok {
			line, col := f.keyAt(yv)
			problems.Add(File, line, col, "rates.%s must be a table of rates, such as [rates.%s] with a line EUR = \"0.8897\"", y, y)
			continue
		}
		year, _ := strconv.Atoi(y)
		for _, code := range f.sortedKeys(table) {
			v := table[code]
			cur, err := impact.ParseCurrency(code)
			if err != nil {
				line, col := f.keyAt(v)
				problems.Add(File, line, col, "rates.%s: %v", y, err)
				continue
			}
			if c.Rates != nil && cur.Code == c.Rates.To.Code {
				line, col := f.keyAt(v)
				problems.Add(File, line, col, "rates.%s: %s is the reporting currency, whose rate is always 1: remove this line", y, code)
				continue
			}
			rate, err := f.rate(v)
			if err != nil {
				line, col := f.valueAt(v)
				problems.Add(File, line, col, "rates.%s.%s: %v", y, code, err)
				continue
			}
			if !rate.IsPositive() {
				line, col := f.valueAt(v)
				problems.Add(File, line, col, "rates.%s.%s must be more than zero, not %s", y, code, rate.String())
				continue
			}
			if c.Rates != nil {
				c.Rates.Set(year, code, rate)
			}
		}
	}
	return problems
}

// rate reads one rate, preferring its text in the file.
func (f *tomlFile) rate(v toml.Primitive) (decimal.Decimal, error) {
	var x any
	if err := f.md.PrimitiveDecode(v, &x); err != nil {
		return decimal.Decimal{}, err
	}
	switch x := x.(type) {
	case string:
		return impact.ParseNumber(x)
	case int64:
		return decimal.NewFromInt(x), nil
	case float64:
		if d, err := impact.ParseNumber(strings.ReplaceAll(f.raw(v), "_", "")); err == nil {
			return d, nil
		}
		// Not found in the file: the shortest decimal that reads back as
		// the same float is the one written, for up to 15 significant
		// digits.
		return decimal.RequireFromString(strconv.FormatFloat(x, 'f', -1, 64)), nil
	}
	return decimal.Decimal{}, impact.ErrNotANumber
}
