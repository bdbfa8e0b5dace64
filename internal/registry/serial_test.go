package registry

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// The good serials are copied from registries' public exports (and the
// issue), with the count their export gives beside each.
type good struct {
	serial    string
	count     int64
	namespace string
	project   string
	country   string
	vintage   int
}

type bad struct {
	serial string
	want   []string // each must be in the error
}

var serials = []struct {
	reg  Registry
	good []good
	bad  []bad
}{
	{Verra, []good{
		{"19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0", 28571, "VCU-VER", "3005", "CN", 2022},
		{"19334-940082955-940097954-VCS-VCU-576-VER-US-14-4268-01062024-31122024-1", 15000, "VCU-VER", "4268", "US", 2024},
		{"19298-935996536-935996539-VCS-VCU-1491-VER-BR-1-513-01012018-31122018-0", 4, "VCU-VER", "513", "BR", 2018},
		{"19309-936493082-936493101-VCS-VCU-1491-VER-RW-3-4150-01102024-31122024-1", 20, "VCU-VER", "4150", "RW", 2024},
		// the older shape, without VCS, and a period across two years
		{"8040-449402275-449402275-VCU-042-MER-PE-14-1360-01072013-30062014-1", 1, "VCU-MER", "1360", "PE", 2014},
		{"  19381-941412555-941441125-vcs-vcu-1310-ver-cn-13-3005-01012022-31102022-0\t", 28571, "VCU-VER", "3005", "CN", 2022},
	}, []bad{
		{"", []string{`verra serial "": it is empty`, "write it as BATCH-START-END-VCS-VCU-"}},
		{"19381-941412555-941441125", []string{"it has 3 parts separated by hyphens, not 13", "such as 19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0"}},
		{"19381-941441125-941412555-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0", []string{"its range ends (941412555) before it starts (941441125)"}},
		{"19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31022022-0", []string{`"31022022" is not a date written DDMMYYYY`}},
		{"19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-31102022-01012022-0", []string{"its vintage period ends (01012022) before it starts (31102022)"}},
		{"19381-941412555-941441125-VCS-VCU-1310-VER-C1-13-3005-01012022-31102022-0", []string{`CC, the country, is "C1", where 2 letters belong`}},
		{"19381-94141255x-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0", []string{`START is "94141255x", where a number belongs`}},
		{"19381-1-9414411250000000000-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0", []string{"END is", "longer than any credit number (18 digits at most)"}},
		{"19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-01", []string{`its last part is "01", where one digit belongs`}},
		{"19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022", []string{"it has 12 parts separated by hyphens, not 13"}},
		{"19381-941412555-941441125-VCS-VCX-1310-VER-CN-13-3005-01012022-31102022-0", []string{`the unit is "VCX", where VCU belongs`}},
		{"19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0\u00a0x", []string{"it has the character U+00A0 at character 74"}},
		{"19381-941412555\x1b[31m-941441125", []string{"U+001B", `"19381-941412555\x1b[31m-941441125"`}},
		{"GS1-1-KE-GS11603-16-2025-30256-110-5463", []string{"it has the shape of a gold-standard serial: is the registry gold-standard?"}},
		{strings.Repeat("1-", 150), []string{"it is 300 bytes long, and no serial is longer than 200", `"…: it is`}},
	}},
	{GoldStandard, []good{
		{"GS1-1-KE-GS11603-16-2025-30256-110-5463", 5354, "GS1-1-KE-GS11603-16-2025-30256", "GS11603", "KE", 2025},
		{"GS1-1-CL-GS12065-12-2023-30073-1-117192", 117192, "GS1-1-CL-GS12065-12-2023-30073", "GS12065", "CL", 2023},
		{"GS1-1-TR-GS7652-12-2025-29983-6631-6631", 1, "GS1-1-TR-GS7652-12-2025-29983", "GS7652", "TR", 2025},
		{"gs1-1-ke-gs11603-16-2025-30256-110-5463", 5354, "GS1-1-KE-GS11603-16-2025-30256", "GS11603", "KE", 2025},
	}, []bad{
		{"GS1-1-KE-11603-16-2025-30256-110-5463", []string{`GSPROJECT is "11603", where GS and a number belong`}},
		{"GS1-1-KE-GS11603-16-25-30256-110-5463", []string{`YEAR is "25", where a year such as 2022 belongs`}},
		{"GS1-1-KE-GS11603-16-2025-110-5463", []string{"it has 8 parts separated by hyphens, not 9"}},
		{"GS1-1-KE-GS11603-16-2025-30256-5463-110", []string{"its range ends (110) before it starts (5463)"}},
		// the CDM-style pairs some issuances show are not read yet
		{"RW-5-1463953-2-2-0-7014 - RW-5-1467609-2-2-0-7014", []string{"it has 14 parts separated by hyphens, not 9"}},
	}},
	{ACR, []good{
		{"ACR-FR-1129-2025-2917-30932 to 35143", 4212, "ACR-FR-1129-2025-2917", "1129", "FR", 2025},
		{"ACR-US-802-2022-3027-1 to 1", 1, "ACR-US-802-2022-3027", "802", "US", 2022},
		{"ACR-US-869-2022-2145-1050732 to 1052026", 1295, "ACR-US-869-2022-2145", "869", "US", 2022},
		{"ACR-CA-680-2022-2677-58730  TO 58742", 13, "ACR-CA-680-2022-2677", "680", "CA", 2022},
	}, []bad{
		{"ACR-FR-1129-25-2917-30932 to 35143", []string{`YEAR is "25"`}},
		{"ACR-FR-1129-2025-30932 to 35143", []string{"it has 5 parts separated by hyphens before the range, not 6"}},
		{"ACR-FR-1129-2025-2917-30932-35143", []string{`it is not a prefix and a range written "START to END"`}},
		{"ACR-FR-1129-2025-2917-35143 to 30932", []string{"its range ends (30932) before it starts (35143)"}},
		{"CAR-1-US-1335-31-983-KS-2025-9205-1 to 5000", []string{"it has the shape of a car serial"}},
	}},
	{CAR, []good{
		{"CAR-1-US-1335-31-983-KS-2025-9205-1 to 5000", 5000, "CAR-1-US-1335-31-983-KS-2025-9205", "1335", "US", 2025},
		{"CAR-ROC-US-1316-105-276-CA-2025-9388-1 to 1", 1, "CAR-ROC-US-1316-105-276-CA-2025-9388", "1316", "US", 2025},
		{"CAR-1-MX-1568-42-1130-QR-2024-9314-140202 to 148300", 8099, "CAR-1-MX-1568-42-1130-QR-2024-9314", "1568", "MX", 2024},
	}, []bad{
		{"CAR-1-US-1335-31-983-KS-2025-9205-1-5000", []string{`it is not a prefix and a range written "START to END"`}},
		{"CAR-2-US-1335-31-983-KS-2025-9205-1 to 5000", []string{`UNIT is "2", where 1 (Climate Reserve Tonnes) or ROC belongs`}},
		{"CAR-1-US-1335-31-983-KS-2025-1 to 5000", []string{"it has 9 parts separated by hyphens before the range, not 10"}},
		{"CAR-1-US-1335-31-983-KAN-2025-9205-1 to 5000", []string{`ST, the state, is "KAN", where 2 letters belong`}},
		{"ACR-FR-1129-2025-2917-30932 to 35143", []string{"it has the shape of a acr serial: is the registry acr?"}},
	}},
	{Puro, []good{
		{"PURO_PR_CORC100+_FI_577166_2020_055a3fbe-eabc-4535-b9cf-1028e7d18f89_1-100", 100,
			"PURO_PR_CORC100+_FI_577166_2020_055A3FBE-EABC-4535-B9CF-1028E7D18F89", "577166", "FI", 2020},
		// older numbers: a GSRN and a 12-digit sequence
		{"PURO_PR_CORC100+_FI_577166_2020_055a3fbe-eabc-4535-b9cf-1028e7d18f89_643002406555908611000000000001-643002406555908611000000000100", 100,
			"PURO_PR_CORC100+_FI_577166_2020_055A3FBE-EABC-4535-B9CF-1028E7D18F89_643002406555908611", "577166", "FI", 2020},
	}, []bad{
		{"PURO_PR_CORC100+_FI_577166_2020_1-100", []string{"it has 7 parts separated by underscores, not 8"}},
		{"PURO_PR_CORC100+_FI_577166_2020_055a3fbe_100-1", []string{"its range ends (1) before it starts (100)"}},
		{"PURO_PR_CORC100+_FI_577166_2020_055a3fbe_1-100-3", []string{`its last part is "1-100-3", where START-END belongs`}},
		{"PURO_PR_CORC100+_FIN_577166_2020_055a3fbe_1-100", []string{`CC, the country, is "FIN"`}},
		{"PURO_PR_CORC100+_FI_577166_2020_055a3fbe_643002406555908611000000000001-643002406555908612000000000100",
			[]string{"START is", "longer than any credit number"}},
	}},
	{Isometric, []good{
		{"ret_1J9X4T7QK1S0M2PA", 0, "RET_1J9X4T7QK1S0M2PA", "", "", 0},
		{"ret_1j9x4t7qk1s0m2pa", 0, "RET_1J9X4T7QK1S0M2PA", "", "", 0},
	}, []bad{
		{"1J9X4T7QK1S0M2PA", []string{"it does not start with ret_, as a retirement's id does", "write it as ret_ID, such as ret_1J9X4T7QK1S0M2PA"}},
		{"ret_", []string{"it has nothing after ret_"}},
		{"ret_12-34", []string{`it has "-" after ret_, where only letters and digits belong`}},
	}},
	{Other, []good{
		{"FCPF-CI-130-2023-20-1 to 46404", 46404, "FCPF-CI-130-2023-20", "", "", 0},
		{"x-7 to 7", 1, "X", "", "", 0},
		{"ABC.123/45:6+7_8", 0, "ABC.123/45:6+7_8", "", "", 0},
	}, []bad{
		{"AB 12", []string{`it is not a prefix and a range written "START to END"`}},
		{"-1 to 5", []string{"PREFIX is missing"}},
		{"1 to 5", []string{"it has no prefix before START"}},
		{"A#B", []string{`the id is "A#B", which has "#"`}},
		{strings.Repeat("a", 101), []string{"it is 101 bytes long, and an id is at most 100"}},
	}},
}

func TestParseSerial(t *testing.T) {
	for _, r := range serials {
		t.Run(string(r.reg), func(t *testing.T) {
			for _, g := range r.good {
				b, err := ParseSerial(r.reg, g.serial)
				if err != nil {
					t.Errorf("ParseSerial(%q): %v", g.serial, err)
					continue
				}
				have := good{b.Serial, b.Count(), b.Namespace, b.Project, b.Country, b.Vintage}
				want := g
				want.serial = strings.TrimSpace(g.serial)
				if have != want {
					t.Errorf("ParseSerial(%q):\nhave %+v\nwant %+v", g.serial, have, want)
				}
				if b.Registry != r.reg || b.Ranged() != (g.count > 0) {
					t.Errorf("ParseSerial(%q): have registry %s, ranged %v", g.serial, b.Registry, b.Ranged())
				}
			}
			for _, tt := range r.bad {
				_, err := ParseSerial(r.reg, tt.serial)
				var se *SerialError
				if !errors.As(err, &se) {
					t.Errorf("ParseSerial(%q): have %v, want a *SerialError", tt.serial, err)
					continue
				}
				for _, w := range tt.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("ParseSerial(%q):\nhave %s\nwant it to contain %s", tt.serial, err, w)
					}
				}
				if !strings.HasPrefix(err.Error(), string(r.reg)+" serial ") {
					t.Errorf("ParseSerial(%q): %s does not name its registry first", tt.serial, err)
				}
			}
		})
	}
}

func TestVerraPeriod(t *testing.T) {
	b, err := ParseSerial(Verra, "8040-449402275-449402275-VCU-042-MER-PE-14-1360-01072013-30062014-1")
	if err != nil {
		t.Fatal(err)
	}
	from, to := time.Date(2013, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2014, 6, 30, 0, 0, 0, 0, time.UTC)
	if !b.PeriodStart.Equal(from) || !b.PeriodEnd.Equal(to) || b.Vintage != 2014 {
		t.Errorf("have %s to %s, vintage %d; want %s to %s, vintage 2014", b.PeriodStart, b.PeriodEnd, b.Vintage, from, to)
	}
	if b, _ := ParseSerial(CAR, "CAR-1-US-1335-31-983-KS-2025-9205-1 to 5000"); b.Methodology != "31" {
		t.Errorf("car methodology: have %q, want 31", b.Methodology)
	}
}

func TestParseSerialUnknownRegistry(t *testing.T) {
	_, err := ParseSerial("vera", "ret_X")
	if err == nil || err.Error() != `unknown registry "vera": did you mean verra?` {
		t.Errorf("have %v", err)
	}
}

func TestParseRegistry(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Registry
		err  string
	}{
		{"verra", Verra, ""},
		{" Gold-Standard ", GoldStandard, ""},
		{"ISOMETRIC", Isometric, ""},
		{"vera", "", `unknown registry "vera": did you mean verra?`},
		{"goldstandard", "", `unknown registry "goldstandard": did you mean gold-standard?`},
		{"purro", "", `unknown registry "purro": did you mean puro?`},
		{"ecoregistry", "", `unknown registry "ecoregistry": write one of verra, gold-standard, acr, car, puro, isometric, other`},
		{"x\x1b[2J", "", `unknown registry "x\x1b[2J": write one of`},
		{"", "", "no registry given: write one of verra, gold-standard, acr, car, puro, isometric, other"},
	} {
		have, err := ParseRegistry(tt.in)
		switch {
		case tt.err == "" && (err != nil || have != tt.want):
			t.Errorf("ParseRegistry(%q): have %q, %v; want %q", tt.in, have, err, tt.want)
		case tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)):
			t.Errorf("ParseRegistry(%q): have %v, want %s", tt.in, err, tt.err)
		}
	}
}

// TestDocListsFormats keeps the package comment, the spec, in step with the
// table the parsers and messages use.
func TestDocListsFormats(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range formats {
		for _, s := range []string{string(f.reg), f.example} {
			if !strings.Contains(string(doc), s) {
				t.Errorf("the package comment does not give %s", s)
			}
		}
		if f.reg != Other && !strings.Contains(string(doc), "//\t"+f.shape+"\n") {
			t.Errorf("the package comment does not give the shape %s", f.shape)
		}
		if _, err := ParseSerial(f.reg, f.example); err != nil {
			t.Errorf("the example of %s: %v", f.reg, err)
		}
	}
	if len(Registries()) != 7 {
		t.Errorf("have %d registries", len(Registries()))
	}
}
