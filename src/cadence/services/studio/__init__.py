"""A studio or team on a PostgreSQL server (docs/studio.md): its people and roles and whose
journal a teacher is looking at (members), the overview of every taught student (overview), and
a teacher's notes and assignments with the students' answers (notes)."""
