-- Indexes found by the benchmark (issue 5). Portable between H2 and PostgreSQL.

-- The baseline lookup (Baseline.of: this session's last complete CHECKED_IN reading) runs on every charting
-- and every start. With only (session_id, taken_at) it read every reading of the session: about 60 ms of
-- database time per write for a session of 10,000 readings (a device feed at one reading a second for three
-- hours). With the phase in the index it reads the handful of baseline readings.
create index ix_reading_session_phase_taken on reading (session_id, phase, taken_at);
