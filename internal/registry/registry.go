package registry

import (
	"fmt"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/suggest"
)

// A Registry is the registry that issued and retired credits.
type Registry string

// The registries, in the order the package comment lists them.
const (
	Verra        Registry = "verra"
	GoldStandard Registry = "gold-standard"
	ACR          Registry = "acr"
	CAR          Registry = "car"
	Puro         Registry = "puro"
	Isometric    Registry = "isometric"
	Other        Registry = "other"
)

// A format is one registry's serial: its shape and an example for messages,
// the prefix its project ids may be written with, and its parser.
type format struct {
	reg     Registry
	shape   string
	example string
	prefix  string                         // of project ids in exports: VCS3005, GS11603
	parse   func(s string) (Block, string) // the block, or why s is not one
}

// formats is every registry, once. The package comment gives the same
// shapes and examples; TestDocListsFormats keeps the two in step.
var formats = []format{
	{Verra, "BATCH-START-END-VCS-VCU-CODE-REG-CC-SCOPE-PROJECT-DDMMYYYY-DDMMYYYY-F",
		"19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0", "VCS", parseVerra},
	{GoldStandard, "GS1-1-CC-GSPROJECT-TYPE-YEAR-ISSUANCE-START-END",
		"GS1-1-KE-GS11603-16-2025-30256-110-5463", "GS", parseGoldStandard},
	{ACR, "ACR-CC-PROJECT-YEAR-BATCH-START to END",
		"ACR-FR-1129-2025-2917-30932 to 35143", "ACR", parseACR},
	{CAR, "CAR-UNIT-CC-PROJECT-TYPE-DEVELOPER-ST-YEAR-BATCH-START to END",
		"CAR-1-US-1335-31-983-KS-2025-9205-1 to 5000", "CAR", parseCAR},
	{Puro, "PURO_PR_TYPE_CC_FACILITY_YEAR_ISSUANCE_START-END",
		"PURO_PR_CORC100+_FI_577166_2020_055a3fbe-eabc-4535-b9cf-1028e7d18f89_1-100", "PURO", parsePuro},
	{Isometric, "ret_ID", "ret_1J9X4T7QK1S0M2PA", "", parseIsometric},
	{Other, "PREFIX-START to END, or an id of letters, digits and . _ - : / + with no spaces",
		"FCPF-CI-130-2023-20-1 to 46404", "", parseOther},
}

func formatOf(r Registry) *format {
	for i := range formats {
		if formats[i].reg == r {
			return &formats[i]
		}
	}
	return nil
}

// Registries returns every registry, in the order of the package comment.
func Registries() []Registry {
	rs := make([]Registry, len(formats))
	for i, f := range formats {
		rs[i] = f.reg
	}
	return rs
}

// Valid reports whether r is one of the registries.
func (r Registry) Valid() bool { return formatOf(r) != nil }

func (r Registry) String() string { return string(r) }

// ParseRegistry reads a registry's name, in any case and with spaces around
// it. A name it does not know is an error that suggests the closest one.
func ParseRegistry(s string) (Registry, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if r := Registry(name); r.Valid() {
		return r, nil
	}
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f.reg)
	}
	if name == "" {
		return "", fmt.Errorf("no registry given: write one of %s", strings.Join(names, ", "))
	}
	if c := suggest.Closest(name, names); c != "" {
		return "", fmt.Errorf("unknown registry %s: did you mean %s?", quote(s), c)
	}
	return "", fmt.Errorf("unknown registry %s: write one of %s", quote(s), strings.Join(names, ", "))
}

// A Block is the credits one serial names, and what the serial says about
// them. The fields a registry's serial does not carry are empty.
type Block struct {
	Registry Registry
	Serial   string // as written, without surrounding spaces

	// Namespace is the series the credits are numbered in, in capitals: two
	// blocks can only overlap when their registry and namespace are equal.
	Namespace string
	// Start and End are the first and last credit numbers, inclusive; both
	// 0 when the serial names no range (see Ranged).
	Start, End int64

	Project string // the registry's project id, in capitals: 3005, GS11603
	Country string // ISO 3166 alpha-2, in capitals
	Vintage int    // the year the reductions or removals happened; 0 if not given
	// PeriodStart and PeriodEnd are the first and last day of the vintage
	// period, when the serial gives them (verra); zero otherwise.
	PeriodStart, PeriodEnd time.Time
	Methodology            string // car: the project type, which names the protocol

	ranged bool
}

// Ranged reports whether the block names a range of credits. A block that
// does not (isometric, an opaque id) names its credits whole, and their
// number is the entry's tonnes.
func (b Block) Ranged() bool { return b.ranged }

// Count is how many credits the block holds, End − Start + 1, or 0 when it
// names no range.
func (b Block) Count() int64 {
	if !b.ranged {
		return 0
	}
	return b.End - b.Start + 1
}

// quote writes a writer's text into a message: quoted, with every control
// or non-printing character escaped, and cut short past 80 bytes.
func quote(s string) string {
	const max = 80
	if len(s) > max {
		cut := max
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		return fmt.Sprintf("%q…", s[:cut])
	}
	return fmt.Sprintf("%q", s)
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// show writes a writer's word into a message as it is when it is plain
// letters, digits and punctuation, and quoted otherwise.
func show(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 || strings.ContainsAny(s, ` "'`) || plain(s) != "" {
		return quote(s)
	}
	return s
}
