package impact

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes the impact.json document to w: the bytes of
// json.MarshalIndent(t, "", "  ") and a newline, written an entry at a time,
// so that a large blog's tens of thousands of entries are never held as one
// document (and its indented copy) in memory.
func WriteJSON(w io.Writer, t *Totals) error {
	if t == nil || t.Entries == nil {
		b, err := json.MarshalIndent(t, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	}
	// The document without its entries, cut where they go. A line break
	// cannot occur inside a JSON string, so the cut is unambiguous.
	head := *t
	head.Entries = nil
	b, err := json.MarshalIndent(&head, "", "  ")
	if err != nil {
		return err
	}
	const at = "\n  \"entries\": null"
	before, after, ok := bytes.Cut(b, []byte(at))
	if !ok {
		return fmt.Errorf("impact.json: no entries in %.40q", b)
	}
	bw := bufio.NewWriter(w)
	bw.Write(before)
	bw.WriteString(at[:len(at)-len("null")])
	if len(t.Entries) == 0 {
		bw.WriteString("[]")
	} else {
		bw.WriteString("[")
		for i := range t.Entries {
			row := t.rowOf(&t.Entries[i])
			e, err := json.MarshalIndent(&row, "    ", "  ")
			if err != nil {
				return err
			}
			if i > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n    ")
			bw.Write(e)
		}
		bw.WriteString("\n  ]")
	}
	bw.Write(after)
	bw.WriteString("\n")
	return bw.Flush()
}
