package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/impactblog/impactblog/internal/preview"
)

// TestServeHost: serve answers a request whose Host names it, and refuses
// one whose Host names another site, as a page using DNS rebinding sends
// (issue 13, item 15): the site and its event stream alike.
func TestServeHost(t *testing.T) {
	r := startServe(t, smallBlog(t), testDelay)
	u, err := url.Parse(r.url)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host, path string
		status     int
	}{
		{u.Host, "/impact.json", 200},
		{"localhost:" + u.Port(), "/impact.json", 200},
		{"evil.example", "/impact.json", http.StatusMisdirectedRequest},
		{"evil.example:" + u.Port(), "/posts/first/", http.StatusMisdirectedRequest},
		{"evil.example:" + u.Port(), preview.EventsPath + "?page=/", http.StatusMisdirectedRequest},
	}
	for _, tt := range tests {
		req, err := http.NewRequest(http.MethodGet, r.url+strings.TrimPrefix(tt.path, "/"), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = tt.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close() // unread: an event stream that was answered would never end
		if resp.StatusCode != tt.status {
			t.Errorf("Host %s, %s: status: have %d, want %d", tt.host, tt.path, resp.StatusCode, tt.status)
		}
	}
}
