package config

import (
	"regexp"
	"strconv"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/tree"
	"github.com/shopspring/decimal"
)

var yearRE = regexp.MustCompile(`^[12][0-9]{3}$`)

// parseRates reads the [rates.YEAR] tables of site.toml into c.Rates, and
// reports every bad year, currency and rate. A rate written as a string is
// read as a decimal; a rate written as a TOML number is read from its text
// in the file, so that 0.8897 stays exactly 0.8897 (a float would not).
// With a reporting currency or currency that is wrong (and already
// reported), the rates are still checked, but not kept.
func (c *Config) parseRates(val *tree.Node) problem.List {
	var problems problem.List
	if val.Kind != tree.Map {
		problems.Add(File, val.Line, val.Col, "rates must be tables, one per year, such as [rates.2020] with a line EUR = \"0.8897\"; it is %s", describe(val))
		return problems
	}
	if c.Rates == nil && c.Cur.Code != "" {
		c.Rates = impact.NewRates(c.Cur)
	}
	for i, y := range val.Keys {
		table, yat := val.Vals[i], val.KeyPos[i]
		if !yearRE.MatchString(y) {
			problems.Add(File, yat.Line, yat.Col, "rates.%s is not a year: write a table such as [rates.2020] with a line EUR = \"0.8897\"", y)
			continue
		}
		if table.Kind != tree.Map {
			problems.Add(File, yat.Line, yat.Col, "rates.%s must be a table of rates, such as [rates.%s] with a line EUR = \"0.8897\"", y, y)
			continue
		}
		year, _ := strconv.Atoi(y)
		for j, code := range table.Keys {
			v, at := table.Vals[j], table.KeyPos[j]
			cur, err := impact.ParseCurrency(code)
			if err != nil {
				problems.Add(File, at.Line, at.Col, "rates.%s: %v", y, err)
				continue
			}
			if c.Rates != nil && cur.Code == c.Rates.To.Code {
				problems.Add(File, at.Line, at.Col, "rates.%s: %s is the reporting currency, whose rate is always 1: remove this line", y, code)
				continue
			}
			rate, err := readRate(v)
			if err != nil {
				problems.Add(File, v.Line, v.Col, "rates.%s.%s: %v", y, code, err)
				continue
			}
			if !rate.IsPositive() {
				problems.Add(File, v.Line, v.Col, "rates.%s.%s must be more than zero, not %s", y, code, rate.String())
				continue
			}
			if c.Rates != nil {
				c.Rates.Set(year, code, rate)
			}
		}
	}
	return problems
}

// readRate reads one rate from its text as written: a string or a TOML
// number, which the reader keeps as typed (1_000 as 1000).
func readRate(v *tree.Node) (decimal.Decimal, error) {
	if v.Kind != tree.Scalar || !v.Str && (v.Value == "true" || v.Value == "false" || dateRE.MatchString(v.Value)) {
		return decimal.Decimal{}, impact.ErrNotANumber
	}
	d, err := impact.ParseNumber(v.Value)
	if err != nil && !v.Str {
		// A TOML number with an exponent, such as 8.897e-1, is exact too;
		// inf and nan are no rate.
		if e, err2 := decimal.NewFromString(v.Value); err2 == nil {
			return e, nil
		}
	}
	return d, err
}
