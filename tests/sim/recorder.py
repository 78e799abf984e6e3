"""What a run looked like over time, for tests/sim/plot.py: every
replica-to-replica delivery (its type and whether it was lost), every
replica's belief in the leader and its term as its messages show them, the
scenario's events, and every client response with its latency. Off unless
asked for (run.py --plot): recording costs the loop a little per datagram."""


class Recorder:
    def __init__(self):
        self.deliveries = []   # (t, type, lost)
        self.beliefs = []      # (t, replica, leader or None, term or None)
        self.events = []       # (t, kind)
        self.responses = []    # (t, latency s, kind: ok / redirect / fail)

    def delivery(self, t, kind, lost):
        self.deliveries.append((t, kind, lost))

    def belief(self, t, replica, msg):
        leader = msg.get("leader")
        term = msg.get("term")
        self.beliefs.append((t, replica, None if leader in (None, "FFFF") else leader,
                             term if isinstance(term, int) else None))

    def event(self, t, kind):
        self.events.append((t, kind))

    def response(self, t, latency, kind):
        self.responses.append((t, latency, kind))
