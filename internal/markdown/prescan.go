package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/util"
)

// prescan reads src once, line by line, before goldmark parses it, and
// returns the problems of a post whose parse would cost far more than its
// size (see MaxNesting, MaxIndent and MaxLinkScan): goldmark's work on
// them grows with the square of the nesting or of the line.
func prescan(src []byte) []problemAt {
	var (
		problems  []problemAt
		nested    bool // a line nested too deep was reported
		indented  bool // a line indented too far was reported
		scan      int  // bytes goldmark reads for link destinations
		worst     int  // the line whose links cost most, and what they cost
		worstCost = -1
	)
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		quotes, items, cols := nesting(line)
		switch {
		case quotes+items > MaxNesting && !nested:
			nested = true
			problems = append(problems, problemAt{offset: start, err: fmt.Errorf(
				"this line is nested %s levels deep (%s): a post may nest at most %d: flatten it",
				thousands(quotes+items), nestedWhat(quotes, items), MaxNesting)})
		case cols > MaxIndent && !indented && quotes+items <= MaxNesting:
			indented = true
			problems = append(problems, problemAt{offset: start, err: fmt.Errorf(
				"this line is indented %s columns (nested lists, or code): a post may indent a line at most %d columns: flatten it",
				thousands(cols), MaxIndent)})
		}
		if c := destinationScan(line); c > 0 {
			scan += c
			if c > worstCost {
				worst, worstCost = start, c
			}
		}
		start = end + 1
	}
	if scan > MaxLinkScan {
		problems = append(problems, problemAt{offset: worst, err: fmt.Errorf(
			"the links on this line are not closed: finding where their destinations end means reading %s bytes (%s in the post), and a post may need at most %s: close each link's \"(\" with \")\", or put a space after it",
			thousands(worstCost), thousands(scan), thousands(MaxLinkScan))})
	}
	return problems
}

func nestedWhat(quotes, items int) string {
	switch {
	case items == 0:
		return "blockquotes"
	case quotes == 0:
		return "lists"
	}
	return "blockquotes and lists"
}

// nesting reads the containers a line opens or continues: its ">"
// markers, its list markers ("-", "+", "*", "1." or "1)" before a space),
// and the columns they take with the indentation between them.
func nesting(line []byte) (quotes, items, cols int) {
	// A thematic break ("- - -", "* * *") is not a list: find where the
	// line's last run of one marker and spaces starts.
	breakFrom, last := len(line), byte(0)
	for i := len(line) - 1; i >= 0; i-- {
		c := line[i]
		if last == 0 && c != ' ' && c != '\t' {
			last = c
		}
		if c != ' ' && c != '\t' && c != last {
			break
		}
		breakFrom = i
	}
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == ' ':
			cols++
		case c == '\t':
			cols += 4 - cols%4
		case c == '>':
			quotes++
			cols++
		case c == '-' || c == '+' || c == '*':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return
			}
			if i >= breakFrom && bytes.Count(line[i:], line[i:i+1]) >= 3 {
				return
			}
			items++
			cols++
		case '0' <= c && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && '0' <= line[j] && line[j] <= '9' {
				j++
			}
			if j >= len(line) || line[j] != '.' && line[j] != ')' || j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t' {
				return
			}
			items++
			cols += j + 1 - i
			i = j
		default:
			return
		}
	}
	return
}

// destinationScan is, at most, how many bytes goldmark reads on line
// looking for where the destinations of its links end: from each "]("
// (after spaces) to the first space, or ")" that closes the "(", or, for
// a destination in "<…>", the first ">"; else to the end of the line.
// "[a](" a thousand times without a space is a million bytes.
func destinationScan(line []byte) int {
	if bytes.Index(line, []byte("](")) < 0 {
		return 0
	}
	type open struct{ at, depth int }
	var (
		cost    int
		depth   int    // "(" less ")" so far in the word
		pending []open // destinations being read, by depth
		startAt = -1   // where the next destination starts
		nextGT  = -1   // the next ">" at or after some position; len(line) if none
	)
	for i := 0; i < len(line); i++ {
		c := line[i]
		if i == startAt {
			pending = append(pending, open{i, depth})
		}
		switch {
		case util.IsSpace(c):
			for _, p := range pending {
				cost += i - p.at
			}
			pending = pending[:0]
		case c == '\\' && i+1 < len(line) && util.IsPunct(line[i+1]):
			i++
		case c == '(':
			depth++
		case c == ')':
			depth--
			for len(pending) > 0 && pending[len(pending)-1].depth > depth {
				cost += i - pending[len(pending)-1].at
				pending = pending[:len(pending)-1]
			}
		case c == ']' && i+1 < len(line) && line[i+1] == '(':
			q := i + 2
			for q < len(line) && (line[q] == ' ' || line[q] == '\t') {
				q++
			}
			switch {
			case q == len(line):
			case line[q] == '<':
				if nextGT < q && nextGT < len(line) {
					nextGT = bytes.IndexByte(line[q:], '>')
					if nextGT < 0 {
						nextGT = len(line)
					} else {
						nextGT += q
					}
				}
				cost += nextGT - q
			default:
				startAt = q
			}
		}
	}
	for _, p := range pending {
		cost += len(line) - p.at
	}
	return cost
}
