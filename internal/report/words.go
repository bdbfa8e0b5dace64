package report

import (
	"io/fs"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/impactblog/impactblog/internal/i18n"
)

// Words gives an interface string in the site's language (package i18n:
// Translator.Text, as plain text): the words the report writes itself,
// the rows' names ("All years", "Scope 1"), a year's title, the charts'
// titles and descriptions. nil is the built-in English.
type Words func(id string, args ...any) string

// or is w, or English when w is nil.
func (w Words) or() Words {
	if w != nil {
		return w
	}
	return english
}

// list joins items ("2020: £1,200") as the chart descriptions do: "a; b".
func (w Words) list(items []string) string { return strings.Join(items, w("chartSep")) }

// item is one item of a chart's description: "2020: £1,200".
func (w Words) item(name, value string) string { return w("chartItem", "Name", name, "Value", value) }

// englishWords is the built-in English, without a blog's own strings.
var englishWords = sync.OnceValue(func() *i18n.Translator {
	t, _ := i18n.New(noFiles{}, language.English)
	return t
})

// english is Words in the built-in English: the id itself should a
// string fail, which a built-in one does not (TestWords).
func english(id string, args ...any) string {
	s, err := englishWords().Text(id, args...)
	if err != nil {
		return id
	}
	return s
}

// noFiles is a blog with no message files of its own.
type noFiles struct{}

func (noFiles) Open(string) (fs.File, error) { return nil, fs.ErrNotExist }
