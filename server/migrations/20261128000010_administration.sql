-- Administration (issue 5 part 7): the title series the platform accepts, each with its
-- specialties and the title each level confers.

CREATE TABLE title_series (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    -- one specialty per line; empty means any specialty the applicant names
    specialties   TEXT NOT NULL,
    -- the title of each level (初级, 中级, 副高级, 正高级) as the certificate prints it
    title_junior            TEXT NOT NULL,
    title_intermediate      TEXT NOT NULL,
    title_associate_senior  TEXT NOT NULL,
    title_senior            TEXT NOT NULL,
    -- 0: no new applications in this series (existing ones go on)
    open          BIGINT NOT NULL DEFAULT 1,
    created_at    BIGINT NOT NULL
);

-- The seed's own series (§ 高等学校教育管理研究), as the seed's region runs it.
INSERT INTO title_series (id, name, specialties, title_junior, title_intermediate, title_associate_senior, title_senior, open, created_at)
VALUES ('series-hem', '高等学校教育管理研究',
        '高等教育管理
教育管理
教学管理
学生工作管理
科研管理
人事管理',
        '研究实习员', '助理研究员', '副研究员', '研究员', 1, 1796256000000);

-- Account events an administrator made that are not transitions of an application
-- (invitations, role changes, disabling) go to the audit chain with application_id
-- 'user:<id>' or 'org:<id>'; nothing new is needed for them here.

-- An issuer's seal image (a blob's SHA-256), printed on its certificates; NULL: the demo seal.
ALTER TABLE organisations ADD COLUMN seal_sha256 TEXT;
