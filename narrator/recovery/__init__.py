"""Work that a dead worker, a lost message or a stopped server left behind, picked up again.

leases.py     how a worker shows that what it holds is alive (task leases, worker beats)
reaper.py     what is lost is sent again (or failed after max_attempts); temp file sweep
embedded.py   the same at the start of `narrator serve`, against the embedded broker's file
"""
