package preview

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// testMachine stands for this machine's addresses and names.
func testMachine() []string {
	return []string{"127.0.0.1", "::1", "192.168.1.20", "fe80::1c2a:7eff:fe00:1", "laptop.example.org", "laptop", "laptop.local"}
}

func TestAllowHosts(t *testing.T) {
	loopback := map[string]bool{
		"localhost": true, "localhost:8080": true, "LocalHost:9000": true, "localhost.": true,
		"127.0.0.1": true, "127.0.0.1:8080": true, "[::1]": true, "[::1]:8080": true,
		"": false, "evil.example": false, "evil.example:8080": false,
		"localhost.evil.example": false, "127.0.0.1.evil.example:8080": false, "127.0.0.2:8080": false,
		"192.168.1.20:8080": false, "laptop.local:8080": false, "[fe80::1c2a:7eff:fe00:1]:8080": false,
		"localhost:8080@evil.example": false, "0.0.0.0:8080": false, "[::]:8080": false,
	}
	everywhere := map[string]bool{
		"localhost:8080": true, "127.0.0.1:8080": true, "[::1]:8080": true,
		"192.168.1.20:8080": true, "192.168.1.20": true, "[fe80::1c2a:7eff:fe00:1]:8080": true,
		"laptop.local:8080": true, "LAPTOP:8080": true, "laptop.example.org": true,
		"evil.example:8080": false, "192.168.1.21:8080": false, "laptop.evil.example": false, "": false,
	}
	tests := []struct {
		listen []string
		hosts  map[string]bool // Host header → allowed
	}{
		{[]string{"127.0.0.1:8080"}, loopback},
		{[]string{"localhost:8080", "127.0.0.1:8080"}, loopback},
		{[]string{"[::1]:8080", "[::1]:8080"}, loopback},
		{[]string{"0.0.0.0:8080", "0.0.0.0:8080"}, with(everywhere, "0.0.0.0:8080")},
		{[]string{"[::]:8080", "[::]:8080"}, with(everywhere, "[::]:8080")},
		{[]string{":8080", "[::]:8080"}, everywhere},
		{[]string{"192.168.1.20:8080", "192.168.1.20:8080"}, map[string]bool{
			"192.168.1.20:8080": true, "localhost:8080": true, "[::1]:8080": true,
			"laptop.local:8080": false, "192.168.1.21:8080": false, "evil.example": false,
		}},
		{[]string{"Blog.Test:8080", "127.0.0.1:8080"}, map[string]bool{
			"blog.test:8080": true, "BLOG.TEST.": true, "localhost": true,
			"blog.test.evil.example": false, "laptop.local": false,
		}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.listen, ","), func(t *testing.T) {
			served := false
			h := allowHosts(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { served = true }), testMachine, tt.listen...)
			for host, want := range tt.hosts {
				served = false
				rec := httptest.NewRecorder()
				req := httptest.NewRequest(http.MethodGet, "/impact.json", nil)
				req.Host = host
				h.ServeHTTP(rec, req)
				if served != want {
					t.Errorf("Host %q: served: have %v, want %v", host, served, want)
				}
				if want {
					continue
				}
				if rec.Code != http.StatusMisdirectedRequest {
					t.Errorf("Host %q: status: have %d, want 421", host, rec.Code)
				}
				if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
					t.Errorf("Host %q: Content-Type: have %q, want text/plain", host, ct)
				}
				if body := rec.Body.String(); !strings.Contains(body, "-addr 0.0.0.0:8080") {
					t.Errorf("Host %q: the answer does not say how to preview from another device: %q", host, body)
				}
			}
		})
	}
}

// with is hosts, and host allowed too.
func with(hosts map[string]bool, host string) map[string]bool {
	m := maps.Clone(hosts)
	m[host] = true
	return m
}

// TestAllowHostsAsksAgain: listening on every interface, an address the
// machine gets after the start is allowed.
func TestAllowHostsAsksAgain(t *testing.T) {
	names := []string{"192.168.1.20"}
	h := allowHosts(http.NotFoundHandler(), func() []string { return names }, "0.0.0.0:8080")
	if h.allows("10.0.0.7") {
		t.Fatal("allowed an address the machine does not have")
	}
	names = append(names, "10.0.0.7")
	if !h.allows("10.0.0.7") {
		t.Error("an address the machine got later is refused")
	}
}
