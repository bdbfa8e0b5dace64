package preview

import (
	"errors"
	"fmt"
	"slices"
	"sync"
)

// clientBuffer is how many events a browser may fall behind before it is
// dropped. A dropped browser reconnects by itself and, seeing a newer
// version, reloads: it misses nothing.
const clientBuffer = 4

// maxClients is how many browsers may listen at once. Each holds a
// connection (a file descriptor) for as long as its page is open; a
// browser opens at most six to one server, so this leaves room for a
// writer's every device.
const maxClients = 64

// Why register refused a browser.
var (
	errClosed = errors.New("the preview is shutting down")
	errFull   = fmt.Errorf("%d pages are already listening for reloads, the most the preview allows: close some and reload this one", maxClients)
)

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
	max int // clients at most

	mu      sync.Mutex
	clients map[*client]struct{}
	closed  bool
}

func newHub() *hub { return &hub{max: maxClients, clients: map[*client]struct{}{}} }

// register adds a browser showing page. It refuses it once the hub is
// closed (errClosed) or has max browsers (errFull).
func (h *hub) register(page string) (*client, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.closed:
		return nil, errClosed
	case len(h.clients) >= h.max:
		return nil, errFull
	}
	c := &client{page: page, ch: make(chan event, clientBuffer)}
	h.clients[c] = struct{}{}
	return c, nil
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
