package cli

import (
	"sync"
	"time"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/schollz/progressbar/v3"
)

// progressDelay is how long a load runs before it shows its progress: a
// quick command never flashes a bar.
var progressDelay = time.Second

// progress shows on stderr that a long load is under way, in the output
// language, only when stderr is a terminal (never when piped or in CI) and
// not with --quiet: a bar of the bytes read when the loader reports them
// (a streamed CSV file), a spinner with the time so far otherwise (list,
// show, report, workbooks), from progressDelay on.
type progress struct {
	streams *IO
	desc    string

	mu          sync.Mutex
	bar         *progressbar.ProgressBar
	done, total int64
	finished    bool
	stop        chan struct{}
	stopped     chan struct{}
}

// startProgress starts showing a load's progress; finish ends it.
func (o *dataOptions) startProgress(streams *IO, lang i18n.Lang) *progress {
	p := &progress{streams: streams, desc: i18n.T(lang, "progress.reading")}
	if !streams.ErrTTY || o.Quiet {
		p.finished = true
		return p
	}
	p.stop, p.stopped = make(chan struct{}), make(chan struct{})
	if progressDelay == 0 { // tests: the first frame at once
		p.draw()
	}
	go p.run()
	return p
}

func (p *progress) run() {
	defer close(p.stopped)
	timer := time.NewTimer(progressDelay)
	defer timer.Stop()
	select {
	case <-p.stop:
		return
	case <-timer.C:
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		p.mu.Lock()
		p.draw()
		p.mu.Unlock()
		select {
		case <-p.stop:
			return
		case <-tick.C:
		}
	}
}

// draw renders the bar (bytes known) or the spinner; p.mu is held.
func (p *progress) draw() {
	if p.total > 0 && p.done < p.total {
		if p.bar == nil || p.bar.GetMax64() != p.total {
			p.clear()
			p.bar = progressbar.NewOptions64(p.total, progressbar.OptionSetWriter(p.streams.Err), progressbar.OptionShowBytes(true),
				progressbar.OptionSetDescription(p.desc), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionSetRenderBlankState(true))
		}
		_ = p.bar.Set64(p.done)
		return
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions64(-1, progressbar.OptionSetWriter(p.streams.Err), progressbar.OptionSetDescription(p.desc),
			progressbar.OptionSpinnerType(14), progressbar.OptionSetElapsedTime(true), progressbar.OptionClearOnFinish(),
			progressbar.OptionSetRenderBlankState(true))
	}
	_ = p.bar.Add64(1)
}

// update is the loader's report of the bytes it has read.
func (p *progress) update(done, total int64) {
	p.mu.Lock()
	p.done, p.total = done, total
	p.mu.Unlock()
}

func (p *progress) clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
		p.bar = nil
	}
}

// finish stops the progress and clears its line; it may be called again.
func (p *progress) finish() {
	if p.finished {
		return
	}
	p.finished = true
	close(p.stop)
	<-p.stopped
	p.mu.Lock()
	if p.bar != nil {
		_ = p.bar.Finish()
	}
	p.mu.Unlock()
}
