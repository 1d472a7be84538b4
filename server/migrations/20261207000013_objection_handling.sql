-- How the unit handled each objection lodged during its notice (issue 16): what it found
-- (核实情况) and what it did (处理结果), by whom and when. The unit recommends only when every
-- objection has them; the same handling is in the audit chain as `handle_objection`.
ALTER TABLE objections ADD COLUMN findings TEXT NOT NULL DEFAULT '';
ALTER TABLE objections ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE objections ADD COLUMN handled_by TEXT NOT NULL DEFAULT '';
ALTER TABLE objections ADD COLUMN handled_at BIGINT;
