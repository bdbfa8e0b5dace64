package entry

import (
	"time"

	"github.com/impactblog/impactblog/internal/field"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/tree"
	"github.com/shopspring/decimal"
)

// A Block is what a post's impact block gives: its entries, and the files
// beside the post that they name.
type Block struct {
	Donations []impact.Donation
	Offsets   []impact.Offset
	Emissions []Emission

	// Attachments are the files beside the post that the block names (a
	// donation's evidence), each with where it is written: package links
	// publishes them with the post, and reports a missing one there. Nil
	// when there is none.
	Attachments []Attachment
}

// An Emission says where some of the offset emissions came from.
type Emission struct {
	Source   string
	Share    decimal.Decimal // percent; zero when Tonnes is given
	Tonnes   impact.Tonnes
	Scope    int    // the GHG Protocol's scope: 1, 2 or 3; 0 when not given
	Category int    // a scope 3 emission's category, 1 to 15 (4: transport the company pays for); 0 when not given
	Period   string // when the emissions were made, in the writer's words
	Method   string // how they were measured or estimated, in the writer's words
	// Illustrative, when not "", says why its figures are illustrative
	// rather than real: "the post gives no share for the rest".
	Illustrative string
}

// A Reader reads impact blocks, one at a time. Its zero value is ready.
// It is a value, so that a post's reader can hold one, and reading a
// block allocates no reader of its own.
type Reader struct{ r reader }

// Read reads the impact block v of the front matter that fr reads into b,
// its amounts in currency, the site's, unless an entry gives its own. The
// problems and warnings are fr's.
func (er *Reader) Read(b *Block, fr *field.Reader, v *tree.Node, currency impact.Currency) {
	r := &er.r
	*r = reader{Reader: fr, site: currency, entry: entryState{bad: r.entry.bad[:0]}, block: b}
	r.read(v)
	r.Reader, r.block = nil, nil
}

// Finish fills in what depends on the whole post, once it is read: the
// date of each donation and offset that gives none is date, the post's,
// and their Source names the post by its url and title.
func (b *Block) Finish(date time.Time, url, title string) {
	for i := range b.Donations {
		d := &b.Donations[i]
		if d.Date.IsZero() {
			d.Date = date
		}
		d.Source.Post, d.Source.Title = url, title
	}
	for i := range b.Offsets {
		o := &b.Offsets[i]
		if o.Date.IsZero() {
			o.Date = date
		}
		o.Source.Post, o.Source.Title = url, title
	}
}

// A reader reads one impact block.
type reader struct {
	*field.Reader
	site  impact.Currency // the site's currency
	entry entryState      // the entry being read
	block *Block          // what is read
}
