package entry

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/impactblog/impactblog/internal/tree"
)

// What a donation is and what shows it (issue 15): the values of its
// kind, items, evidence and recipient_id, as the rows of impact.go read
// them, and the rules between kind, items and amount (checkKind).

// An Attachment is a file beside the post that its front matter names: a
// donation's evidence. Package links publishes it with the post, and a
// missing one is a problem at Pos.
type Attachment struct {
	Key      string // the key that names it: "evidence"
	Path     string // as written, from the post's folder: "receipt.pdf"
	tree.Pos        // where Path is written, in the post's file
}

// donationKinds are the kinds of donation, as written; "money" is
// impact.Gift, the default.
var donationKinds = []string{"money", string(impact.InKind), string(impact.Sponsorship), string(impact.Purchase)}

// asDonationKind is a donation's kind, in any case.
func asDonationKind(set func(d *impact.Donation, k impact.DonationKind)) value[impact.Donation] {
	return value[impact.Donation]{choiceKind, func(r *reader, d *impact.Donation, v *tree.Node, key string) bool {
		if v.Kind == tree.Null {
			return true
		}
		if v.Kind != tree.Scalar {
			r.Errorf(v, "%s must be %s, not %s", key, orList(donationKinds), v.Kind)
			return false
		}
		w := strings.ToLower(strings.TrimSpace(v.Value))
		switch {
		case w == "money":
			set(d, impact.Gift)
			return true
		case slices.Contains(donationKinds, w):
			set(d, impact.DonationKind(w))
			return true
		}
		r.CheckText(v, key)
		if c := suggest.Closest(w, donationKinds); c != "" {
			r.Errorf(v, "%s %q is not a kind of donation: did you mean %s?", key, v.Value, c)
		} else {
			r.Errorf(v, "%s %q is not a kind of donation: write %s", key, v.Value, orList(donationKinds))
		}
		return false
	}}
}

// orList is "a, b, c or d".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// MaxItemCount is the most things of one kind an item may count: more is
// surely a typo, and keeps any sum of counts far from overflowing.
const MaxItemCount = 1_000_000_000_000

// asItems is what an in-kind gift gave: a list of tables of what (one
// line of text) and count (a whole number more than zero), or one such
// table. checkKind checks that the donation is in kind.
func asItems(set func(d *impact.Donation, items []impact.Item)) value[impact.Donation] {
	return value[impact.Donation]{itemsKind, func(r *reader, d *impact.Donation, v *tree.Node, key string) bool {
		var nodes []*tree.Node
		switch v.Kind {
		case tree.Null:
			return true
		case tree.List:
			nodes = v.Items
		case tree.Map:
			nodes = []*tree.Node{v}
		default:
			r.CheckText(v, key)
			r.Errorf(v, "%s must be a list of what was given, such as [%s], not %s%s", key, r.itemExample("smartphone", "120"), v.Kind, r.itemHint(v))
			return false
		}
		ok := true
		items := make([]impact.Item, 0, len(nodes))
		for _, it := range nodes {
			item, itemOK := r.item(it, key)
			if itemOK {
				items = append(items, item)
			}
			ok = ok && itemOK
		}
		if ok {
			set(d, items)
		}
		return ok
	}}
}

var countedRE = regexp.MustCompile(`^([0-9][0-9,]*)\s+(\S.*)$`)

// itemHint is, for text such as "120 smartphones", the item to write
// instead: ": write {what: smartphones, count: 120}"; else "".
func (r *reader) itemHint(v *tree.Node) string {
	m := countedRE.FindStringSubmatch(strings.TrimSpace(v.Value))
	if m == nil {
		return ""
	}
	return ": write " + r.itemExample(m[2], strings.ReplaceAll(m[1], ",", ""))
}

// itemExample is an item as written in the front matter's format.
func (r *reader) itemExample(what, count string) string {
	switch r.Format {
	case "TOML":
		return fmt.Sprintf("{ what = %q, count = %s }", what, count)
	case "JSON":
		return fmt.Sprintf("{\"what\": %q, \"count\": %s}", what, count)
	}
	return fmt.Sprintf("{what: %s, count: %s}", what, count)
}

// item reads one of items.
func (r *reader) item(it *tree.Node, key string) (impact.Item, bool) {
	if it.Kind != tree.Map {
		if it.Kind == tree.Scalar {
			r.CheckText(it, key)
		}
		r.Errorf(it, "each of %s must be a table of what and count, such as %s, not %s%s", key, r.itemExample("smartphone", "120"), it.Kind, r.itemHint(it))
		return impact.Item{}, false
	}
	// {smartphones: 120}: one key, which names the thing.
	if len(it.Keys) == 1 && it.Keys[0] != "what" && it.Keys[0] != "count" && it.Vals[0].Kind == tree.Scalar {
		if _, err := strconv.ParseInt(strings.TrimSpace(it.Vals[0].Value), 10, 64); err == nil {
			at := it.KeyPos[0]
			r.Problems.Add(r.File, at.Line, at.Col, "each of %s is a table of what and count: write %s", key,
				r.itemExample(it.Keys[0], strings.TrimSpace(it.Vals[0].Value)))
			return impact.Item{}, false
		}
	}
	r.CheckKeys(it, "an item of "+key, "what", "count")
	var item impact.Item
	ok := true
	if v := r.Required(it, it.Get("what"), "what", "an item", "smartphone"); v != nil {
		item.What = strings.TrimSpace(r.Text(v, "what"))
	} else {
		ok = false
	}
	if v := r.Required(it, it.Get("count"), "count", "an item", "120"); v != nil {
		n, countOK := r.count(v, "count")
		item.Count, ok = n, ok && countOK
	} else {
		ok = false
	}
	return item, ok
}

// count reads a whole number more than zero, quoted or not, and at most
// MaxItemCount.
func (r *reader) count(v *tree.Node, key string) (int64, bool) {
	s := strings.TrimSpace(v.Value)
	n, err := strconv.ParseInt(s, 10, 64)
	big := errors.Is(err, strconv.ErrRange) && s[0] != '-'
	switch {
	case err != nil && !big || s[0] == '+':
		r.CheckText(v, key)
		if plain := strings.ReplaceAll(s, ",", ""); plain != s {
			if _, err := strconv.ParseUint(plain, 10, 64); err == nil {
				r.Errorf(v, "%s %q: write it without separators: %s", key, v.Value, plain)
				return 0, false
			}
		}
		r.Errorf(v, "%s must be a whole number such as 120, not %q", key, v.Value)
	case big || n > MaxItemCount:
		r.Errorf(v, "%s %s is more than %d, surely a typo: check it", key, s, int64(MaxItemCount))
	case n <= 0:
		r.Errorf(v, "%s must be more than zero, not %s: leave the item out", key, s)
	default:
		return n, true
	}
	return 0, false
}

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// asEvidence is an http or https address, or the path of a file beside
// the post, from its folder, which the post then attaches (Attachment):
// never an absolute path, one that climbs out of the post's top folder
// (posts/), nor an address of another scheme (javascript:, file:).
func asEvidence(set func(d *impact.Donation, s string)) value[impact.Donation] {
	return value[impact.Donation]{evidenceKind, func(r *reader, d *impact.Donation, v *tree.Node, key string) bool {
		if v.Kind == tree.Null {
			return true
		}
		n := len(r.Problems)
		s := strings.TrimSpace(r.Text(v, key))
		if v.Kind != tree.Scalar || len(r.Problems) > n {
			return false
		}
		if s == "" {
			return true
		}
		if schemeRE.MatchString(s) {
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t") {
				r.Errorf(v, "%s must be an http or https address, or the path of a file beside the post such as receipt.pdf, not %q", key, v.Value)
				return false
			}
			set(d, s)
			return true
		}
		if msg := r.badAttachment(s); msg != "" {
			r.Errorf(v, "%s %q %s", key, s, msg)
			return false
		}
		set(d, s)
		r.block.Attachments = append(r.block.Attachments, Attachment{Key: key, Path: s, Pos: tree.Pos{Line: v.Line, Col: v.Col}})
		return true
	}}
}

// badAttachment says what is wrong with p as the path of a file beside the
// post being read, or "".
func (r *reader) badAttachment(p string) string {
	if strings.HasPrefix(p, "/") {
		return "is an absolute path: write the file's path from the post's folder, such as receipt.pdf"
	}
	if i := strings.IndexAny(p, `\?#%`); i >= 0 {
		if p[i] == '\\' {
			return "holds \\: write the path with /, such as receipts/2020.pdf"
		}
		return fmt.Sprintf("holds %q, which a file's address cannot: rename the file", p[i])
	}
	dir := path.Dir(r.File)
	top, _, _ := strings.Cut(dir, "/")
	target := path.Join(dir, p)
	if top == "." {
		if target == ".." || strings.HasPrefix(target, "../") {
			return "climbs out of the blog: put the file beside the post"
		}
	} else if !strings.HasPrefix(target, top+"/") {
		return fmt.Sprintf("climbs out of %s/: put the file beside the post", top)
	}
	return ""
}

// checkKind checks the donation being read against its kind, once its
// fields are read: an in-kind gift needs items, and only it has them.
// amount's row asks for amount unless the donation is in kind.
func (r *reader) checkKind(d *impact.Donation) bool {
	m := r.entry.m
	if !r.entry.ok("kind") {
		return true // reported
	}
	items := m.Get("items")
	switch {
	case d.Kind == impact.InKind && items == nil:
		at := keyPos(m, "kind")
		r.Problems.Add(r.File, at.Line, at.Col, "a donation of kind: in-kind needs items, what was given: add \"items: [%s]\"", r.itemExample("smartphone", "120"))
		return false
	case d.Kind == impact.InKind && len(d.Items) == 0 && r.entry.ok("items"):
		at := keyPos(m, "items")
		r.Problems.Add(r.File, at.Line, at.Col, "items is empty: a donation of kind: in-kind needs what was given, such as [%s]", r.itemExample("smartphone", "120"))
		return false
	case d.Kind == impact.Gift && items != nil:
		at := keyPos(m, "items")
		r.Problems.Add(r.File, at.Line, at.Col, "items are for kind: in-kind: add \"kind: in-kind\"")
		return false
	case d.Kind != impact.InKind && items != nil:
		at := keyPos(m, "items")
		r.Problems.Add(r.File, at.Line, at.Col, "items are for kind: in-kind, and this donation is kind: %s: remove items, or make it kind: in-kind", d.Kind)
		return false
	}
	return true
}

// inKind reports whether the donation being read is in kind, or of a kind
// not known: amount may then be left out.
func inKind(r *reader, d *impact.Donation) bool {
	return d.Kind == impact.InKind || !r.entry.ok("kind")
}

// keyPos is where key is written in the table m.
func keyPos(m *tree.Node, key string) tree.Pos {
	if i := slices.Index(m.Keys, key); i >= 0 {
		return m.KeyPos[i]
	}
	return tree.Pos{Line: m.Line, Col: m.Col}
}
