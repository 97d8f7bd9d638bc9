// The trace page's waterfall is rendered here (see traces feature).
