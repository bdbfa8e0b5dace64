package preview

import (
	"slices"
	"sync"
)

// clientBuffer is how many events a browser may fall behind before it is
// dropped. A dropped browser reconnects by itself and, seeing a newer
// version, reloads: it misses nothing.
const clientBuffer = 4

// An event is one Server-Sent Event.
type event struct {
	name string // "hello", "reload" or "css"
	data string // the site's version
}

// A client is one open page listening for events.
type client struct {
	page string // the path the page was served from
	ch   chan event
}

// hub is the live-reload hub: the browsers listening for events. It is a
// value owned by one Server.
type hub struct {
	mu      sync.Mutex
	clients map[*client]struct{}
	closed  bool
}

func newHub() *hub { return &hub{clients: map[*client]struct{}{}} }

// register adds a browser showing page. It returns nil once the hub is closed.
func (h *hub) register(page string) *client {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	c := &client{page: page, ch: make(chan event, clientBuffer)}
	h.clients[c] = struct{}{}
	return c
}

// unregister removes c and closes its channel, unless that is already done.
func (h *hub) unregister(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[c]; ok {
		delete(h.clients, c)
		close(c.ch)
	}
}

// broadcast sends ev to every browser without waiting: a browser whose
// buffer is full is dropped (its channel closed, which ends its stream).
func (h *hub) broadcast(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.ch <- ev:
		default:
			delete(h.clients, c)
			close(c.ch)
		}
	}
}

// pages lists the paths the browsers are showing, sorted, without duplicates.
func (h *hub) pages() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for c := range h.clients {
		out = append(out, c.page)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// len is the number of browsers listening.
func (h *hub) len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// close ends every stream and refuses new ones.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		delete(h.clients, c)
		close(c.ch)
	}
}
