package cli

import (
	"sync"

	"github.com/schollz/progressbar/v3"
)

// progress is a bar on stderr showing documents done, the total and the
// rate. It exists only when stderr is a terminal and output is not
// silenced, so CI logs and JSON output never see it.
type progress struct {
	mu  sync.Mutex
	io  *IO
	bar *progressbar.ProgressBar
	on  bool
	msg string
}

func newProgress(io *IO, quiet bool, what string) *progress {
	return &progress{io: io, on: io.ErrTTY && !quiet, msg: what}
}

// set reports done of total; it may be called from several goroutines.
func (p *progress) set(done, total int) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(p.io.ErrOut),
			progressbar.OptionSetDescription(p.msg),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionThrottle(100e6),
			progressbar.OptionEnableColorCodes(p.io.ErrColorEnabled()),
			progressbar.OptionClearOnFinish(),
		)
	}
	if done > int(p.bar.State().CurrentNum) {
		p.bar.Set(done)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
