package preview

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
)

// AllowHosts returns h, answering only the requests whose Host header names
// the preview: localhost, 127.0.0.1, [::1] or the host of one of the
// addresses it listens on (the -addr flag, and the address the listener
// got), with any port. Other requests get 421 Misdirected Request and a
// line saying why. See the package comment.
//
// When a listen address has no host or an unspecified one (":8080",
// "0.0.0.0:8080", "[::]:8080"), the addresses of this machine's network
// interfaces and its host name (also with .local) are allowed too, as they
// are when a request asks for them (and the unspecified address itself), so that a phone on the LAN can preview
// the blog after the machine gets a new address.
func AllowHosts(h http.Handler, listen ...string) http.Handler {
	return allowHosts(h, machineNames, listen...)
}

// hostCheck is the handler of AllowHosts.
type hostCheck struct {
	next    http.Handler
	allowed map[string]bool // normalized hosts
	machine func() []string // this machine's names; nil unless listening on every interface
}

// allowHosts is AllowHosts with this machine's names given by machine.
func allowHosts(h http.Handler, machine func() []string, listen ...string) *hostCheck {
	c := &hostCheck{next: h, allowed: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	for _, addr := range listen {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			host = addr
		}
		host = normalHost(host)
		if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
			c.machine = machine
		}
		if host != "" { // 0.0.0.0 and :: too: the URL serve prints, which reaches this machine
			c.allowed[host] = true
		}
	}
	return c
}

func (c *hostCheck) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil { // no port
		host = r.Host
	}
	if strings.Trim(port, "0123456789") != "" || !c.allows(normalHost(host)) {
		http.Error(w, fmt.Sprintf("impactblog serve answers only requests for localhost, 127.0.0.1, [::1] "+
			"or the address it listens on, not for %q: this keeps other web sites from reading your drafts. "+
			"To preview from another device, start it with -addr 0.0.0.0:8080 and open this machine's address.", r.Host),
			http.StatusMisdirectedRequest)
		return
	}
	c.next.ServeHTTP(w, r)
}

// allows reports whether host, normalized, names the preview.
func (c *hostCheck) allows(host string) bool {
	if host == "" {
		return false
	}
	if c.allowed[host] {
		return true
	}
	if c.machine != nil {
		for _, name := range c.machine() {
			if normalHost(name) == host {
				return true
			}
		}
	}
	return false
}

// normalHost is host in lower case, without the brackets of an IPv6
// address or a final dot, and an IP address in its usual form.
func normalHost(host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if h, ok := strings.CutPrefix(host, "["); ok {
		host, _ = strings.CutSuffix(h, "]")
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.String()
	}
	return host
}

// machineNames lists this machine's interface addresses and its host name:
// as it is, its first label, and that label with .local (its mDNS name).
func machineNames() []string {
	var names []string
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			switch a := a.(type) {
			case *net.IPNet:
				names = append(names, a.IP.String())
			case *net.IPAddr:
				names = append(names, a.IP.String())
			}
		}
	}
	if name, err := os.Hostname(); err == nil && name != "" {
		first, _, _ := strings.Cut(name, ".")
		names = append(names, name, first, first+".local")
	}
	return names
}
