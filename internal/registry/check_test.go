package registry

import (
	"strings"
	"testing"
)

func mustParse(t testing.TB, reg Registry, s string) Block {
	t.Helper()
	b, err := ParseSerial(reg, s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCheck(t *testing.T) {
	const (
		verra = "19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0"
		gs    = "GS1-1-KE-GS11603-16-2025-30256-110-5463"
		car   = "CAR-1-US-1335-31-983-KS-2025-9205-1 to 5000"
	)
	for _, tt := range []struct {
		reg    Registry
		serial string
		want   Want
		have   []string // "key: message"
	}{
		{Verra, verra, Want{Project: "3005", Country: "CN", Vintage: 2022}, nil},
		{Verra, verra, Want{Project: "VCS3005", Country: "cn"}, nil},
		{Verra, verra, Want{Project: "03005"}, nil},
		{Verra, verra, Want{}, nil},
		{Verra, verra, Want{Project: "3006"}, []string{"project_id: the serial is for project 3005, but project_id says 3006"}},
		{Verra, verra, Want{Project: "GS3005"}, []string{"project_id: the serial is for project 3005, but project_id says GS3005"}},
		{Verra, verra, Want{Project: "3005 \x1b[2J"}, []string{`project_id: the serial is for project 3005, but project_id says "3005 \x1b[2J"`}},
		{Verra, verra, Want{Country: "KE", Vintage: 2021}, []string{
			"country: the serial is for country CN, but country says KE",
			"vintage: the serial's vintage is 2022, the year its vintage period (1 January 2022 to 31 October 2022) ends, but vintage says 2021",
		}},
		{GoldStandard, gs, Want{Project: "11603", Country: "KE", Vintage: 2025}, nil},
		{GoldStandard, gs, Want{Project: "gs11603"}, nil},
		{GoldStandard, gs, Want{Project: "GS11604", Vintage: 2024}, []string{
			"project_id: the serial is for project GS11603, but project_id says GS11604",
			"vintage: the serial's vintage is 2025, but vintage says 2024",
		}},
		{CAR, car, Want{Project: "CAR1335", Country: "US", Vintage: 2025}, nil},
		// a serial that says nothing is never contradicted
		{Isometric, "ret_1J9X4T7QK1S0M2PA", Want{Project: "prj_1", Country: "US", Vintage: 2025}, nil},
		{Other, "FCPF-CI-130-2023-20-1 to 46404", Want{Project: "130", Vintage: 2020}, nil},
	} {
		var have []string
		for _, m := range Check(mustParse(t, tt.reg, tt.serial), tt.want) {
			have = append(have, m.Key+": "+m.Message)
		}
		if strings.Join(have, "\n") != strings.Join(tt.have, "\n") {
			t.Errorf("Check(%s, %+v):\nhave %q\nwant %q", tt.serial, tt.want, have, tt.have)
		}
	}
}

func TestCheckCredits(t *testing.T) {
	a := mustParse(t, Verra, "19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0") // 28,571
	b := mustParse(t, Verra, "19380-941382555-941382741-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0") // 187
	one := mustParse(t, ACR, "ACR-US-802-2022-3027-1 to 1")
	ret := mustParse(t, Isometric, "ret_1J9X4T7QK1S0M2PA")
	for _, tt := range []struct {
		blocks []Block
		tonnes string
		want   string
	}{
		{[]Block{a}, "28571", ""},
		{[]Block{a}, "28571.000", ""},
		{[]Block{a, b}, "28758", ""},
		{[]Block{one}, "1", ""},
		{[]Block{ret}, "31.4", ""},
		{[]Block{a, ret}, "5", ""},
		{nil, "5", ""},
		{[]Block{a}, "28570", "the serial block holds 28,571 credits, one tonne each, but tonnes says 28570"},
		{[]Block{a, b}, "28571", "the serial blocks hold 28,758 credits, one tonne each, but tonnes says 28571"},
		{[]Block{one}, "2", "the serial block holds 1 credit, one tonne each, but tonnes says 2"},
		{[]Block{a}, "28571.5", "the serial block holds 28,571 credits, one tonne each, but tonnes says 28571.5, which is not a whole number of credits"},
		{[]Block{a}, "£28,571", `"£28,571" is not a number of tonnes; the serial block holds 28,571 credits`},
		{[]Block{a}, "28571.", `"28571." is not a number of tonnes; the serial block holds 28,571 credits`},
	} {
		m := CheckCredits(tt.blocks, tt.tonnes)
		have := ""
		if m != nil {
			have = m.Message
			if m.Key != KeyTonnes {
				t.Errorf("CheckCredits(%q): key %s", tt.tonnes, m.Key)
			}
		}
		if have != tt.want {
			t.Errorf("CheckCredits(%d blocks, %q):\nhave %s\nwant %s", len(tt.blocks), tt.tonnes, have, tt.want)
		}
	}
	big := Block{Registry: Other, Namespace: "X", Start: 1, End: 1<<62 + 1, ranged: true}
	if n, ok := Credits([]Block{big, big}); ok {
		t.Errorf("Credits past an int64: have %d, true", n)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 28571: "28,571", 1234567: "1,234,567", -5354: "-5,354"} {
		if have := thousands(n); have != want {
			t.Errorf("thousands(%d): have %s, want %s", n, have, want)
		}
	}
}
