-- Gives back the answers as they were typed: removes the apostrophe the export put before a
-- cell that begins with =, +, -, @, a tab or a carriage return (docs/bundle-format.md §6),
-- in every text column. Run once, after loading; unneutralise() is defined by
-- load_duckdb.sql and load_postgres.sql. For DuckDB and PostgreSQL alike.
-- Generated from the form definitions by tests/analysis_export.rs (UPDATE_ANALYSIS_SQL=1).

UPDATE annex1 SET
  institution = unneutralise(institution),
  focal_point = unneutralise(focal_point),
  email = unneutralise(email),
  phone = unneutralise(phone),
  collab_gaps = unneutralise(collab_gaps),
  collab_areas = unneutralise(collab_areas),
  collab_pledges = unneutralise(collab_pledges),
  impl_actions = unneutralise(impl_actions),
  impl_progress = unneutralise(impl_progress),
  imrf_findings = unneutralise(imrf_findings),
  other_comments = unneutralise(other_comments),
  plan_process = unneutralise(plan_process),
  plan_intentions = unneutralise(plan_intentions);

UPDATE annex1__examples SET
  example_title = unneutralise(example_title),
  example_description = unneutralise(example_description);

UPDATE stakeholder_report SET
  org_name = unneutralise(org_name),
  org_website = unneutralise(org_website),
  contact_person = unneutralise(contact_person),
  contact_email = unneutralise(contact_email),
  s1_progress = unneutralise(s1_progress),
  s1_situations = unneutralise(s1_situations),
  s1_challenges = unneutralise(s1_challenges),
  s2_progress = unneutralise(s2_progress),
  s2_situations = unneutralise(s2_situations),
  s2_challenges = unneutralise(s2_challenges),
  s3_progress = unneutralise(s3_progress),
  s3_situations = unneutralise(s3_situations),
  s3_challenges = unneutralise(s3_challenges),
  s4_progress = unneutralise(s4_progress),
  s4_situations = unneutralise(s4_situations),
  s4_challenges = unneutralise(s4_challenges),
  imrf_recommendations = unneutralise(imrf_recommendations),
  principles_text = unneutralise(principles_text);

UPDATE stakeholder_report__s1_practices SET
  s1_practice_title = unneutralise(s1_practice_title),
  s1_practice_description = unneutralise(s1_practice_description),
  s1_practice_link = unneutralise(s1_practice_link);

UPDATE stakeholder_report__s2_practices SET
  s2_practice_title = unneutralise(s2_practice_title),
  s2_practice_description = unneutralise(s2_practice_description),
  s2_practice_link = unneutralise(s2_practice_link);

UPDATE stakeholder_report__s3_practices SET
  s3_practice_title = unneutralise(s3_practice_title),
  s3_practice_description = unneutralise(s3_practice_description),
  s3_practice_link = unneutralise(s3_practice_link);

UPDATE stakeholder_report__s4_practices SET
  s4_practice_title = unneutralise(s4_practice_title),
  s4_practice_description = unneutralise(s4_practice_description),
  s4_practice_link = unneutralise(s4_practice_link);

UPDATE stakeholder_report__pledges SET
  pledge_commitment = unneutralise(pledge_commitment),
  pledge_partners = unneutralise(pledge_partners),
  pledge_timeline = unneutralise(pledge_timeline);

UPDATE consultation_session SET
  session_title = unneutralise(session_title),
  session_place = unneutralise(session_place),
  organiser = unneutralise(organiser),
  facilitator = unneutralise(facilitator),
  sela_q1 = unneutralise(sela_q1),
  sela_q2 = unneutralise(sela_q2),
  sela_q3 = unneutralise(sela_q3),
  sela_q4 = unneutralise(sela_q4),
  sela_q5 = unneutralise(sela_q5),
  sela_q6 = unneutralise(sela_q6),
  session_notes = unneutralise(session_notes);

UPDATE participant_input SET
  statement = unneutralise(statement),
  priority_recommendation = unneutralise(priority_recommendation);
