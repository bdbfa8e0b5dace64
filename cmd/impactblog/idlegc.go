package main

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// An idleGC collects garbage while the writer is not saving, so that the
// collection does not fall in the next rebuild.
//
// A rebuild of a large blog allocates megabytes, and every so many
// rebuilds the runtime starts a collection, which marks the whole site
// kept in memory: 150-200 ms on a 10,000-post blog, and a rebuild that
// runs beside it takes two to six times as long. The first build leaves
// the most garbage, and the writer's first edit after serve started was
// the slowest.
//
// serve collects, when due, after the first build and before it serves.
// After each rebuild, and after serve's check of the templates in the
// background, once nothing has changed for idleGCDelay, the idleGC
// collects when due: when more than half of the heap's room before the
// next collection is used. Edits saved in quick succession never wait for
// it: their rebuilds run as before, and the runtime collects when it must.
// At most it collects twice as often as the runtime would.
type idleGC struct {
	delay   time.Duration
	due     func() bool // whether a collection is worth making now
	collect func()

	mu      sync.Mutex
	timer   *time.Timer
	working bool // a change has come and its rebuild is not done
	stopped bool
	running sync.WaitGroup // a collection in progress
}

// idleGCDelay is how long serve waits after a rebuild before it collects.
// A writer's saves are seconds apart; a burst of saves (save all) is
// over within the watcher's quiet period.
const idleGCDelay = 100 * time.Millisecond

func newIdleGC() *idleGC {
	return &idleGC{delay: idleGCDelay, due: heapHalfUsed, collect: runtime.GC}
}

// busy stops the wait: a change has come, and a rebuild follows.
func (g *idleGC) busy() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.working = true
	if g.timer != nil {
		g.timer.Stop()
	}
}

// rebuilt (re)starts the wait after a rebuild.
func (g *idleGC) rebuilt() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.working = false
	g.arm()
}

// settled (re)starts the wait after work in the background (serve's
// check of the templates), unless a rebuild is under way: its end starts
// the wait.
func (g *idleGC) settled() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.working {
		g.arm()
	}
}

// arm (re)starts the wait; g.mu is held.
func (g *idleGC) arm() {
	switch {
	case g.stopped:
	case g.timer == nil:
		g.timer = time.AfterFunc(g.delay, g.fire)
	default:
		g.timer.Reset(g.delay)
	}
}

func (g *idleGC) fire() {
	g.mu.Lock()
	if g.stopped || g.working { // a change came as the wait ended
		g.mu.Unlock()
		return
	}
	g.running.Add(1)
	g.mu.Unlock()
	defer g.running.Done()
	g.now()
}

// now collects if a collection is due.
func (g *idleGC) now() {
	if g.due() {
		g.collect()
	}
}

// stop ends the wait for good, and waits for a collection in progress.
func (g *idleGC) stop() {
	g.mu.Lock()
	g.stopped = true
	if g.timer != nil {
		g.timer.Stop()
	}
	g.mu.Unlock()
	g.running.Wait()
}

// heapHalfUsed reports whether the heap has grown past half of the way
// from what the last collection left live to the runtime's goal for the
// next (it starts that collection somewhat before the goal).
func heapHalfUsed() bool {
	s := heapSamples()
	metrics.Read(s)
	for _, x := range s {
		if x.Value.Kind() != metrics.KindUint64 {
			return false // not this runtime's metrics: leave it to the runtime
		}
	}
	return halfUsed(s[0].Value.Uint64(), s[1].Value.Uint64(), s[2].Value.Uint64())
}

// halfUsed reports whether the heap, at objects bytes, is more than half
// of the way from live to goal.
func halfUsed(live, goal, objects uint64) bool {
	if goal <= live || objects <= live {
		return false
	}
	return objects-live > (goal-live)/2
}

// heapSamples are the runtime's metrics heapHalfUsed reads: the heap live
// after the last collection, the goal of the next, and the heap now.
func heapSamples() []metrics.Sample {
	return []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/heap/goal:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
	}
}
