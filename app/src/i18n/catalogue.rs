//! The texts. One line per message: key, Simplified Chinese (the seed's own words where it has
//! them), English. `{}` marks an argument, filled in order.

use super::Lang;

macro_rules! catalogue {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Zh) => $zh, (Msg::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

catalogue! {
    // the frame
    AppName => "职评", "Zhiping";
    BrandMark => "评", "评";
    AppTagline => "专业技术人员职称申报评审平台", "Professional title application and evaluation";
    SkipToContent => "跳到正文", "Skip to content";
    NavMain => "主导航", "Main navigation";
    NavHome => "首页", "Home";
    NavLogin => "登录", "Log in";
    NavRegister => "注册", "Register";
    NavLogout => "退出登录", "Log out";
    NavRecover => "找回用户名和密码", "Recover user name and password";
    NavOutbox => "消息发件箱", "Message outbox";
    SwitchLanguage => "English", "中文";
    SwitchLanguageLabel => "切换语言", "Switch language";
    NotFoundTitle => "页面不存在", "Page not found";
    NotFoundBody => "您要找的页面不存在或已移动。", "The page you asked for does not exist or has moved.";
    BackHome => "返回首页", "Back to the home page";
    Loading => "正在加载…", "Loading…";
    Sending => "正在提交…", "Sending…";

    // landing
    LandingLead => "申报人在线注册、填写申报材料、提交审核；所在单位、主管单位、评审办事机构在线审核，评审结果公示，签发职称电子证书。",
        "Apply for a professional title online; your unit, the competent authority and the evaluation office review it here; results are published and electronic certificates issued.";
    LandingStepsTitle => "申报流程", "How it works";
    LandingStep1 => "注册个人账号（每人只能注册一个账号）", "Register one personal account (one per person)";
    LandingStep2 => "填写申报材料，手写签署个人承诺书并提交", "Fill in your materials, sign the pledge by hand and submit";
    LandingStep3 => "单位审核并公示，主管单位审核，评审办事机构形式审核", "Unit review and public notice, authority review, formal review";
    LandingStep4 => "缴纳评审费，参加评审，结果公示后获取职称电子证书", "Pay the fee, be evaluated, and receive your electronic certificate";
    LandingCtaRegister => "注册个人账号", "Register an account";
    LandingCtaLogin => "已有账号，登录", "I have an account: log in";

    // fields and buttons
    FieldName => "姓名", "Full name";
    FieldIdNumber => "身份证号", "Resident ID number";
    FieldPhone => "手机号", "Mobile phone";
    FieldEmail => "电子邮箱", "E-mail";
    FieldPassword => "密码", "Password";
    FieldPassword2 => "确认密码", "Confirm password";
    FieldAccount => "身份证号或用户名", "ID number or user name";
    FieldChannel => "接收方式", "Send it by";
    FieldCode => "验证码", "Verification code";
    FieldNewPassword => "新密码", "New password";
    FieldNewPassword2 => "确认新密码", "Confirm new password";
    HintIdNumber => "18位，最后一位可以是X", "18 characters; the last may be X";
    HintPhone => "11位手机号码", "11-digit mobile number";
    HintPassword => "至少8位；不要使用常见密码或身份证号", "At least 8 characters; not a common password or your ID number";
    HintCode => "6位数字，15分钟内有效", "6 digits, valid for 15 minutes";
    ButtonRegister => "注册", "Register";
    ButtonLogin => "登录", "Log in";
    ButtonSendUsername => "发送用户名", "Send my user name";
    ButtonSendCode => "发送验证码", "Send a code";
    ButtonResetPassword => "重置密码", "Reset password";
    ChannelPhone => "手机短信", "Text message";
    ChannelEmail => "电子邮件", "E-mail";
    ShowPassword => "显示密码", "Show password";

    // registration
    RegisterTitle => "注册个人账号", "Register an account";
    RegisterIntro => "请使用本人身份证号注册，每人只能注册一个账号。", "Register with your own resident ID; one account per person.";
    RegisterHaveAccount => "已有账号？", "Already registered?";
    RegisteredTitle => "注册成功", "Registered";
    RegisteredUsername => "您的用户名是 {}，也可以用身份证号登录。", "Your user name is {}; you can also log in with your ID number.";
    IdTaken => "该身份证号已注册", "This ID number is already registered";
    IdTakenHelp => "。如果忘记了用户名或密码，请使用", ". If you forgot your user name or password, use";

    // login
    LoginTitle => "登录", "Log in";
    LoginFailed => "账号或密码不正确", "Wrong account or password";
    LoginThrottled => "登录失败次数过多，请{}分钟后再试", "Too many failed attempts; try again in {} minutes";
    LoginNoAccount => "还没有账号？", "No account yet?";
    LoginForgot => "忘记用户名或密码？", "Forgot your user name or password?";
    LoggedOut => "您已退出登录", "You have logged out";
    SessionExpired => "登录已过期，请重新登录", "Your session expired; please log in again";

    // recovery
    RecoverTitle => "找回用户名和密码", "Recover user name and password";
    RecoverUsernameTitle => "找回用户名", "Recover your user name";
    RecoverUsernameIntro => "填写身份证号和姓名，用户名将发送到您登记的手机和电子邮箱。",
        "Enter your ID number and name; the user name is sent to the phone and e-mail on file.";
    RecoverUsernameSent => "如果信息与已注册的账号一致，用户名已发送到该账号登记的手机和电子邮箱。",
        "If these match a registered account, its user name has been sent to the phone and e-mail on file.";
    ResetTitle => "重置密码", "Reset your password";
    ResetIntro => "先获取验证码，再设置新密码。", "Get a code first, then set a new password.";
    ResetStep1 => "第一步：获取验证码", "Step 1: get a code";
    ResetStep2 => "第二步：设置新密码", "Step 2: set a new password";
    ResetCodeSent => "如果该账号存在，验证码已发送到其登记的{}，15分钟内有效。",
        "If the account exists, a code has been sent to its {} on file; it is valid for 15 minutes.";
    ResetDone => "密码已重置，请用新密码登录。", "Your password has been reset; log in with the new one.";
    ResetInPerson => "手机和邮箱都已不能使用的，请携带身份证到所在单位人事部门当面重置。",
        "If neither your phone nor your e-mail works any more, your unit's HR office can reset it in person with your ID card.";
    CodeInvalid => "验证码不正确或已过期，请重新获取", "The code is wrong or has expired; request a new one";
    RateLimited => "操作过于频繁，请{}分钟后再试", "Too many requests; try again in {} minutes";
    SmsUsername => "【职评】您的用户名是 {}。如非本人操作，请忽略。", "[Zhiping] Your user name is {}. Ignore this if you did not ask.";
    SmsResetCode => "【职评】您的密码重置验证码是 {}，15分钟内有效。请勿告诉他人。", "[Zhiping] Your password reset code is {}, valid for 15 minutes. Do not share it.";
    MailSubjectUsername => "职评：您的用户名", "Zhiping: your user name";
    MailSubjectReset => "职评：密码重置验证码", "Zhiping: password reset code";

    // outbox
    OutboxTitle => "消息发件箱（演示）", "Message outbox (demo)";
    OutboxIntro => "演示环境不真正发送短信和邮件，所有消息都保存在这里。", "The demo sends no real texts or e-mails; every message is kept here.";
    OutboxEmpty => "还没有消息", "No messages yet";
    OutboxTime => "时间", "Time";
    OutboxChannel => "渠道", "Channel";
    OutboxRecipient => "收件人", "Recipient";
    OutboxBody => "内容", "Message";

    // home
    HomeTitle => "工作台", "Dashboard";
    HomeGreeting => "{}，您好", "Hello, {}";
    HomeRole => "角色", "Role";
    HomeOrg => "所属机构", "Organisation";
    HomeUsername => "用户名", "User name";
    HomeNextTitle => "接下来", "Next";
    HomeComingSoon => "申报、审核队列等功能将陆续在此开放。", "Applications and review queues will open here.";

    RoleApplicant => "申报人", "Applicant";
    RoleUnitReviewer => "基层单位审核人", "Unit reviewer";
    RoleAuthorityReviewer => "主管单位审核人", "Competent authority reviewer";
    RoleOfficeReviewer => "职称评审办事机构", "Evaluation office";
    RoleCommitteeMember => "评审委员会委员", "Committee member";
    RoleHrOfficer => "人社厅备案", "HR filing officer";
    RoleIssuer => "证书签发（教育厅）", "Certificate issuer";
    RoleAdmin => "系统管理员", "Administrator";
    RoleSystem => "系统", "System";
    DutyApplicant => "查阅评审通知和条件，填写申报材料，提交、按要求修改，缴纳评审费，下载职称电子证书。",
        "Read notices and conditions, fill in and submit your materials, correct them when asked, pay the fee, download your certificate.";
    DutyUnitReviewer => "审核本单位人员的申报材料，组织不少于5个工作日的公示，填写单位意见并推荐。",
        "Review your staff's applications, run a public notice of at least 5 working days, give the unit's opinion and recommend.";
    DutyAuthorityReviewer => "审核所属单位推荐的申报材料，填写明确意见并推荐至评审办事机构。",
        "Review what your units recommended, give a clear opinion and recommend to the evaluation office.";
    DutyOfficeReviewer => "对申报材料进行形式审核：通过形式，或一次性告知需修改的内容并退回。",
        "Formally review applications: pass them, or return them with one complete list of changes.";
    DutyCommitteeMember => "评审本评审会的申报人并投票。", "Evaluate the applicants of your session and vote.";
    DutyHrOfficer => "对职称评审结果进行备案。", "File the evaluation results.";
    DutyIssuer => "签发职称电子证书。", "Sign and issue electronic title certificates.";
    DutyAdmin => "管理机构、用户和角色、评审系列、通知和工作日历。", "Manage organisations, users and roles, series, notices and the working-day calendar.";

    // field problems
    Required => "此项必填", "This field is required";
    NameLength => "姓名应为2至30个字", "A name is 2 to 30 characters";
    NameCharacters => "姓名只能包含文字和间隔号“·”", "A name contains only letters and the middle dot “·”";
    PhoneInvalid => "请填写11位手机号码，以13至19开头", "Enter an 11-digit mobile number starting 13–19";
    EmailInvalid => "电子邮箱格式不正确，例如 name@example.cn", "Not an e-mail address, e.g. name@example.cn";
    PasswordTooShort => "密码至少8位", "At least 8 characters";
    PasswordTooLong => "密码不能超过128位", "At most 128 characters";
    PasswordTooCommon => "这个密码太常见，很容易被猜到，请换一个", "This password is too common and easy to guess; choose another";
    PasswordContainsId => "密码不能包含身份证号", "The password must not contain your ID number";
    PasswordMismatch => "两次输入的密码不一致", "The two passwords differ";
    CodeFormat => "验证码是6位数字", "The code is 6 digits";
    IdLength => "身份证号应为18位，现在是{}位", "An ID number has 18 characters; this has {}";
    IdCharacters => "身份证号前17位应为数字，最后一位为数字或X", "The first 17 characters are digits, the last a digit or X";
    IdRegion => "前6位地址码 {} 不是有效的行政区划代码", "The region code {} is not a valid one";
    IdBirthDate => "第7至14位出生日期 {} 不是有效日期", "The birth date {} (characters 7–14) is not a valid date";
    IdCheckCharacter => "校验位不正确：按前17位计算，最后一位应为 {}，而不是 {}。请核对号码", "Wrong check character: from the first 17 it should be {}, not {}. Please check the number";

    // applications
    OneOpenApplication => "您本年度已有一份未结束的申报，不能再新建", "You already have an open application this year";
    UploadRefusedEmpty => "文件是空的", "The file is empty";
    UploadInterrupted => "上传中断，已上传的其他文件不受影响，请重试", "The upload was interrupted; files already uploaded are safe. Try again";
    UploadRefusedTooLarge => "文件太大：此处最大 {} MB", "The file is too large: at most {} MB here";
    UploadRefusedKind => "只接受 PDF、JPEG 或 PNG 文件（按文件内容识别，改扩展名无效）", "Only PDF, JPEG or PNG files (recognised by content; renaming does not help)";
    UploadRefusedWrongKind => "此处不接受 {} 文件", "A {} file is not accepted here";
    UploadRefusedPdf => "PDF 文件无法打开或没有页面，请重新导出后上传", "The PDF cannot be opened or has no pages; export it again";
    UploadRefusedImage => "图片无法打开，请重新拍摄或扫描", "The image cannot be opened; take or scan it again";
    UploadRefusedPixels => "图片尺寸过大（{}×{} 像素），请缩小后上传", "The image is far too large ({}×{} pixels); reduce it";
    UploadRefusedSmall => "图片太小（{}×{} 像素），短边至少需要 {} 像素才能看清", "The image is too small ({}×{} px); its short side needs {} px to be legible";
    UploadRefusedBlurred => "图片模糊，无法看清（清晰度 {}，至少需要 {}），请对焦后重新拍摄或扫描", "The image is blurred (sharpness {}, at least {} needed); focus and take it again";
    UploadRefusedColour => "照片须为彩色", "The photo must be in colour";
    UploadRefusedRatio => "照片须为一寸照片比例 25×35（现为 {}×{} 像素）", "The photo must have the 1-inch 25×35 proportion (this is {}×{} px)";

    NavApplications => "我的申报", "My applications";
    ApplicationsTitle => "我的申报", "My applications";
    ApplicationsNone => "您还没有申报。", "You have no application yet.";
    StartTitle => "开始申报", "Start an application";
    StartIntro => "选择申报级别、评审系列、专业和所在单位。提交前都可以修改。", "Choose the level, series, specialty and your unit; all can be changed until you submit.";
    FieldLevel => "申报级别", "Level";
    FieldSeries => "评审系列", "Series";
    FieldSpecialty => "专业", "Specialty";
    FieldUnit => "所在单位", "Unit";
    ChooseOne => "请选择", "Choose";
    ButtonStart => "开始申报", "Start";
    DefaultSeries => "高等学校教育管理研究", "Higher-education management research";
    LevelJunior => "初级", "Junior";
    LevelIntermediate => "中级", "Intermediate";
    LevelAssociateSenior => "副高级", "Associate senior";
    LevelSenior => "正高级", "Senior";
    SubmissionsLeft => "共3次，剩余{}次", "3 submissions in all, {} left";
    StatusLabel => "状态", "Status";
    OverviewTitle => "还缺什么", "Still missing";
    OverviewMissing => "缺 {} 项", "{} missing";
    OverviewComplete => "已齐全", "Complete";
    SectionBasicInfo => "基本信息", "Basic information";
    SectionEducation => "学历学位", "Education and degrees";
    SectionQualification => "专业技术资格", "Professional qualification";
    SectionWorkHistory => "工作简历", "Work history";
    SectionPublications => "著作论文", "Publications";
    SectionContinuingEducation => "继续教育", "Continuing education";
    SectionAssessment => "考核情况", "Annual assessments";
    SectionOther => "其他材料", "Other materials";
    SectionAidXinjiang => "援疆", "Aiding Xinjiang";
    SectionPledge => "个人承诺书", "Personal pledge";
    StatusDraft => "草稿（未提交）", "Draft (not submitted)";
    StatusUnitReview => "基层单位审核中", "Unit review";
    StatusUnitNotice => "单位公示中", "Unit public notice";
    StatusAuthorityReview => "主管单位审核中", "Competent authority review";
    StatusOfficeReview => "评审办事机构审核中", "Formal review";
    StatusReturned => "已退回，请修改", "Returned for changes";
    StatusFormalPassed => "通过形式", "Formal review passed";
    StatusUnderEvaluation => "评审中", "Under evaluation";
    StatusEvaluated => "已评审", "Evaluated";
    StatusResultNotice => "评审结果公示中", "Results on public notice";
    StatusFiled => "已备案", "Filed";
    StatusCertified => "已发证", "Certified";
    StatusClosed => "未获推荐", "Not recommended";
    StatusWithdrawn => "视为放弃申报", "Withdrawn (deadline passed)";

    // the application form: field labels in the seed's words
    LabelUnit => "工作单位", "Employer";
    LabelSpecialty => "从事专业", "Specialty practised";
    LabelPoliticalConduct => "思想政治条件", "Political and ethical conduct";
    LabelAid => "是否对口支援新疆（援疆）人员", "Aiding Xinjiang";
    LabelIdCardScan => "身份证扫描件", "ID card scan";
    LabelPhoto => "一寸近期免冠彩色照片", "Recent bareheaded colour 1-inch photo";
    LabelEducation => "学历学位", "Degrees";
    LabelSchool => "毕业院校", "School";
    LabelMajor => "所学专业", "Major";
    LabelGraduatedOn => "毕业时间", "Graduated on";
    LabelDiploma => "学历证书", "Diploma";
    LabelDegreeCertificate => "学位证书", "Degree certificate";
    LabelChsiReport => "学信网查询验证报告", "CHSI verification report";
    LabelCurrentTitle => "现专业技术职务任职资格", "Current title";
    LabelObtainedOn => "任职资格取得时间", "Obtained on";
    LabelObtainedInXinjiang => "任职资格是否在新疆取得", "Obtained in Xinjiang";
    LabelYearsInProfession => "从事本专业技术工作年限（年）", "Years in this profession";
    LabelYearsProof => "所在单位出具的从事现任专业工作年限书面证明", "Unit's proof of years in the profession";
    LabelTitleCertificate => "职称证书", "Title certificate";
    LabelEvaluationForm => "专业技术职务任职资格评审表（在疆外取得的须上传）", "Evaluation form (title obtained outside Xinjiang)";
    LabelPractice => "实践能力", "Practical ability";
    LabelAchievements => "业绩成果", "Achievements";
    LabelAchievementTitle => "成果名称", "Achievement";
    LabelAchievedOn => "取得时间", "Date";
    LabelAchievementDescription => "成果简介", "Description";
    LabelEvidence => "佐证材料", "Evidence";
    LabelPublications => "著作论文及工作材料", "Publications and work documents";
    LabelKind => "类别", "Kind";
    LabelPublicationTitle => "题目", "Title";
    LabelPublishedOn => "发表（形成）时间", "Published (written) on";
    LabelFirstAuthor => "是否第一作者", "First author";
    LabelCover => "封面", "Cover";
    LabelContents => "目录", "Table of contents";
    LabelBody => "正文", "Body";
    LabelIdentificationForm => "检测机构出具的图书、论文认定表", "Detection agency's identification form";
    LabelSimilarityReport => "论文相似性检测报告", "Similarity-check report";
    LabelUnitCertification => "所在单位出具并盖章的证明", "Unit's stamped certification";
    LabelExempt => "是否符合继续教育免试条件", "Exempt from continuing education";
    LabelExemptionForm => "继续教育免试审批表", "Exemption approval form";
    LabelTrainingYears => "任现职以来每年完成的继续教育情况", "Continuing education for every year since the current post";
    LabelTrainingYear => "年度", "Year";
    LabelHours => "学时", "Hours";
    LabelTrainingCertificate => "专业课继续教育证", "Continuing-education certificate";
    LabelPublicCourses => "继续教育公需科目远程教育合格证书", "Public-course certificates";
    LabelAssessments => "近3年考核情况", "Annual assessments";
    LabelAssessmentYear => "年度", "Year";
    LabelAssessmentResult => "考核结果", "Result";
    LabelFormFront => "考核表（正面）", "Assessment form, front";
    LabelFormBack => "考核表（反面）", "Assessment form, back";
    LabelNoticeMaterials => "公示材料", "Public-notice materials";
    LabelNoticeResult => "公示结果", "Public-notice result";
    LabelDispatchingUnit => "派出单位（原所在单位）", "Dispatching unit";
    LabelApprovalProof => "派出单位审核同意的证明材料", "Dispatching unit's approval";
    LabelPledge => "手写承诺书", "Handwritten pledge";
    Yes => "是", "Yes";
    No => "否", "No";
    KindPaper => "论文", "Paper";
    KindBook => "著作", "Book";
    KindAdvisoryReport => "咨政报告", "Advisory report";
    KindWorkSummary => "工作总结", "Work summary";
    KindWorkReport => "工作报告", "Work report";
    KindManagementDocument => "管理文件", "Management document";
    KindSurveyReport => "调研报告", "Survey report";
    KindRegulation => "规章制度", "Regulation";
    KindWorkPlan => "工作方案", "Work plan";

    // the form's messages
    ProblemEmpty => "请填写", "Required";
    ProblemNoFile => "请上传", "Upload required";
    ProblemNoItems => "请至少添加一项", "Add at least one";
    ProblemVague => "含有含糊词语“{}”：{}", "Vague wording “{}”: {}";
    ProblemBeforePost => "日期 {} 早于取得现资格的时间 {}，只能填写任现职以来的材料", "{} is before the current qualification ({}); only material since the current post counts";
    ProblemYearMissing => "缺少 {} 年度的记录", "The record for {} is missing";
    ProblemNotFirstAuthor => "只计算第一作者论文", "Only first-author papers count";
    ProblemYearsNeedPost => "请先在“专业技术资格”中填写取得资格时间", "First enter the date the current qualification was obtained";
    BadDate => "日期格式应为 年-月-日，例如 2024-03-01", "Use a date like 2024-03-01";
    BadNumber => "请填写整数", "Enter a whole number";
    BadChoice => "请从选项中选择", "Choose one of the options";
    BadTooLong => "最多 {} 个字", "At most {} characters";
    BadNoSuchField => "此项已被删除或页面已过期，请刷新页面", "This item was removed or the page is out of date; reload it";
    SignatureEmpty => "请在框内手写承诺内容", "Write the pledge in the box";
    SignatureTooFewStrokes => "笔画太少（{} 笔，至少 {} 笔），请完整书写承诺内容", "Too few strokes ({}, at least {}); write the whole pledge";
    SignatureTooLittleInk => "笔迹太少，请完整书写承诺内容", "Too little writing; write the whole pledge";
    SignatureTooNarrow => "书写范围太小，请在框内写满一行以上", "The writing covers too little of the box";
    SignatureMalformed => "签名数据无法识别，请清除后重写", "The signature could not be read; clear it and write again";
    ApplicationNotFound => "申报不存在或您无权查看", "No such application, or you may not see it";
    NotEditable => "已提交的申报不能修改", "A submitted application cannot be changed";
    StaleVersion => "申报已在其他页面被修改，已为您载入最新内容，请重新操作", "The application changed in another window; the latest version is shown, please try again";
    SavedAt => "已保存", "Saved";
    SavingNow => "正在保存…", "Saving…";
    SaveOffline => "网络中断，内容已保存在本机，恢复网络后将自动保存", "Offline: kept on this device, will be saved when the connection returns";
    ButtonSave => "保存", "Save";
    ButtonSaveNext => "保存并继续", "Save and continue";
    ButtonAddDegree => "添加学历", "Add a degree";
    ButtonAddAchievement => "添加业绩成果", "Add an achievement";
    ButtonAddPublication => "添加著作论文", "Add a publication";
    ButtonRemove => "删除", "Remove";
    ButtonUp => "上移", "Move up";
    ButtonDown => "下移", "Move down";
    ButtonUpload => "上传", "Upload";
    ButtonReplace => "更换文件", "Replace";
    ButtonRemoveFile => "删除文件", "Remove file";
    ButtonEdit => "填写", "Fill in";
    ButtonContinue => "继续填写", "Continue";
    ButtonReview => "检查并提交", "Check and submit";
    ButtonSubmit => "提交", "Submit";
    ButtonClear => "清除", "Clear";
    ButtonUndo => "撤销一笔", "Undo stroke";
    ButtonSign => "确认签署", "Sign";
    ItemNumber => "第 {} 项", "Item {}";
    FileRules => "PDF、JPEG 或 PNG，最大 {} MB；按文件内容识别", "PDF, JPEG or PNG, up to {} MB; recognised by content";
    PhotoRules => "JPEG 或 PNG 彩色照片，宽高比 25:35（误差 ±4%），最大 {} MB", "Colour JPEG or PNG, 25:35 proportion (±4%), up to {} MB";
    FileUploaded => "已上传：{}", "Uploaded: {}";
    FilePages => "{} 页", "{} pages";
    FileSameElsewhere => "注意：相同文件出现在其他 {} 份申报中，将提示审核人员", "Note: the same file is in {} other applications; reviewers will see this";
    Uploading => "正在上传 {}%", "Uploading {}%";
    YearsNeedPostHint => "年度列表按取得现资格时间自动生成", "The years follow from the date the current qualification was obtained";
    SectionsNav => "申报材料", "Sections";
    FormIntro => "内容随填随存：刷新页面或断网不会丢失。只能填写任现职以来的材料，不得使用含糊词语。", "Saved as you type: a reload or a lost connection loses nothing. Only material since the current post; no vague wording.";
    PledgeIntro => "请在下框内用手指或鼠标手写以下承诺内容：", "Write the following pledge by hand in the box below, with finger or mouse:";
    PledgeText => "本人承诺：所提供的个人信息和证明材料真实准确，如有被查实提供有关信息、证件不实或违反有关规定的行为，三年内不申报职称评审并承担一切后果和责任。", "本人承诺：所提供的个人信息和证明材料真实准确，如有被查实提供有关信息、证件不实或违反有关规定的行为，三年内不申报职称评审并承担一切后果和责任。";
    PledgeCanvasLabel => "手写承诺书书写区", "Pledge writing area";
    PledgeNoJs => "也可以将承诺书手写在纸上，拍照后上传：", "Or write the pledge on paper and upload a photo of it:";
    PledgeResign => "重新手写签署", "Sign again by hand";
    PledgeSigned => "承诺书已签署", "The pledge is signed";
    SubmitTitle => "检查并提交", "Check and submit";
    SubmitIncomplete => "还有 {} 项未完成，完成后才能提交", "{} items are still missing; complete them to submit";
    SubmitReady => "材料已齐全，可以提交。提交后不能修改。", "Complete. Once submitted, it cannot be changed.";
    SubmitDone => "已提交（第 {} 次提交）", "Submitted (submission {})";
    SubmitNoneLeft => "已提交3次，不能再提交", "All 3 submissions are used";
    HistoryTitle => "办理记录", "History";
    HistoryCreated => "创建申报", "Application started";
    HistorySubmitted => "第 {} 次提交", "Submission {}";
    ViewApplication => "查看申报", "View application";
    ReadOnlyNotice => "申报已提交，以下内容只能查看", "Submitted: the materials below are read-only";
    DeniedState => "申报当前状态为“{}”，不能进行此操作", "Not possible while the application is “{}”";
    ApplicantBarred => "因提供虚假材料被取消申报资格，{} 前不得申报职称评审", "Barred from applying after a fraud finding, until {}";
    NavNotices => "通知公告", "Notices";
    NavAdminNotices => "通知管理", "Manage notices";
    NoticesTitle => "评审工作通知与评审条件", "Evaluation notices and conditions";
    NoticesNone => "暂无发布的通知。", "Nothing published yet.";
    NoticeKindNotice => "评审工作通知", "Evaluation notice";
    NoticeKindConditions => "评审条件", "Evaluation conditions";
    NoticeNotFound => "通知不存在或尚未发布", "No such notice, or not published yet";
    NoticeBadLink => "链接只能是 http(s):// 网址或本站路径", "Links must be http(s):// addresses or paths on this site";
    NoticePublishedOn => "发布于 {}", "Published {}";
    NoticeDraft => "草稿（未发布）", "Draft (not published)";
    NoticeAdminTitle => "通知管理", "Manage notices";
    NoticeNew => "新建通知", "New notice";
    NoticeEdit => "编辑", "Edit";
    NoticeFieldKind => "类别", "Kind";
    NoticeFieldTitle => "标题", "Title";
    NoticeFieldBody => "正文", "Text";
    NoticeBodyHint => "空行分段；以“- ”开头的行为列表；链接写作 [文字](网址)", "A blank line starts a paragraph; lines starting with “- ” form a list; links as [text](address)";
    NoticeFiles => "附件", "Attachments";
    NoticeAddFile => "添加附件", "Add an attachment";
    NoticePublishNow => "发布（所有人可见）；不勾选则保存为草稿", "Publish (visible to everyone); leave unticked to keep a draft";
    ChangeMeta => "修改申报信息", "Change level, series or unit";
    ButtonChange => "保存修改", "Save changes";

    // the review chain (issue 4)
    NavReview => "审核队列", "Review queue";
    LabelUnitNoticeMaterials => "公示材料（加盖单位公章）", "Notice materials (stamped)";
    LabelUnitNoticeResult => "公示结果（加盖单位公章）", "Notice result (stamped)";
    NavPublicNotice => "公示", "Public notices";
    QueueTitleUnit => "单位审核", "Unit review";
    QueueTitleAuthority => "主管单位审核", "Competent authority review";
    QueueTitleOffice => "形式审查", "Formal review";
    QueueAll => "全部", "All";
    QueueEmpty => "没有符合条件的申报。", "No application matches.";
    QueueFilter => "筛选", "Filter";
    QueueSearchName => "申报人姓名", "Applicant's name";
    QueueSort => "排序", "Sort";
    QueueSortRecent => "最近变动", "Recently changed";
    QueueSortDeadline => "截止时间最近", "Nearest deadline";
    QueueSortName => "姓名", "Name";
    QueueAnyLevel => "全部级别", "Any level";
    QueueExport => "导出当前列表（CSV）", "Export this list (CSV)";
    QueueShown => "共 {} 份", "{} shown";
    QueueLive => "实时更新", "Live";
    QueueOffline => "实时更新已断开，正在重连…", "Live updates lost; reconnecting…";
    QueueUpdated => "列表已更新", "List updated";
    QueueSubmission => "第 {} 次提交", "Submission {}";
    QueueObjections => "异议 {} 条", "{} objection(s)";
    QueueDuplicates => "{} 个文件与他人相同", "{} file(s) also in another person's application";
    QueueNoticeUntil => "公示期满：{}", "Notice may close: {}";
    QueueChangedAt => "无期限 · 更新于 {}", "No deadline · changed {}";
    QueueApplicant => "申报人", "Applicant";
    QueueWhat => "申报", "Application";
    QueueDeadline => "期限", "Deadline";
    CountdownLeft => "剩余 {} 天 {} 小时 {} 分 {} 秒", "{} d {} h {} min {} s left";
    CountdownOver => "已超过48小时期限", "The 48 hours are over";
    CountdownDue => "截止 {}（北京时间）", "Due {} (Beijing time)";
    ReviewTitle => "审核申报", "Review application";
    ReviewComplete => "材料齐全", "Materials complete";
    ReviewMissing => "仍缺 {} 项", "{} item(s) missing";
    ReviewDuplicatesTitle => "重复材料提示", "Files also found elsewhere";
    ReviewMaterials => "申报材料", "Materials";
    ReviewObjections => "公示异议", "Objections lodged";
    ReviewNoObjections => "公示期间暂无异议。", "No objection lodged.";
    ReviewDecision => "审核意见", "Decision";
    ReviewNothingToDo => "此申报当前不在您的审核环节，只能查看。", "This application is not at your step; you can only read it.";
    ReviewChanged => "此申报刚被更新，页面已刷新。", "This application was just updated; the page is refreshed.";
    ReviewNotice => "公示", "Public notice";
    ReviewNoticeRunning => "公示自 {} 起，{} 后方可结束（不少于5个工作日）", "On notice since {}; may close from {} (at least 5 working days)";
    ReviewUnitFiles => "盖章的公示材料和公示结果", "Stamped notice materials and result";
    ReviewFieldOpinion => "审核意见", "Opinion";
    ReviewFieldReason => "不推荐理由", "Reason";
    ReviewPledgeHint => "推荐意见须包含：{}", "The recommendation must contain: {}";
    ReviewReturnTitle => "退回修改（一次性告知全部需修改的内容）", "Return for changes (everything at once)";
    ReviewReturnWhere => "位置", "Where";
    ReviewReturnWhat => "修改要求", "What to change";
    ReviewReturnRow => "第 {} 项", "Item {}";
    ReviewReturnMore => "再加一项", "Add an item";
    ReviewReturnChoose => "请选择", "Choose";
    ReviewReturnWhole => "（整个部分）", "(whole section)";
    ReturnPlaceRequired => "请选择需要修改的位置", "Choose where the change is needed";
    ReturnNoItems => "请至少填写一项修改要求", "Give at least one change";
    ReturnTooMany => "修改要求过多，请合并", "Too many items; combine them";
    ReturnNoteEmpty => "请写明修改要求", "Say what to change";
    ReturnFieldNotInSection => "该项不属于所选部分", "That field is not in the chosen section";
    ReturnDuplicate => "与前面一项重复", "Same as an earlier item";
    OpinionEmpty => "请填写意见", "Please give your opinion";
    PledgeMissing => "推荐意见须包含“{}”", "The recommendation must contain “{}”";
    UploadRequired => "请上传此文件", "Please upload this file";
    ActionStartNotice => "开始公示", "Start the public notice";
    ActionUnitRecommend => "同意推荐", "Recommend";
    ActionUnitDecline => "不予推荐", "Do not recommend";
    ActionAuthorityRecommend => "同意推荐", "Recommend";
    ActionAuthorityDecline => "不予推荐", "Do not recommend";
    ActionOfficePass => "通过形式审查", "Pass the formal review";
    ActionOfficeReturn => "退回修改", "Return for changes";
    ActionSubmit => "提交", "Submit";
    ActionExpire => "逾期未重新提交，视为放弃申报", "Not resubmitted in time: withdrawn";
    ActionOther => "操作", "Action";
    DecisionDone => "操作已完成：{}（当前状态：{}）。", "Done: {} (now: {}).";
    BackToQueue => "返回审核队列", "Back to the queue";
    DecisionStale => "此申报已被他人处理，当前状态为“{}”，您的操作未执行", "Someone else acted first; the application is now “{}”. Your decision was not recorded";
    NoticeNotOver => "公示期未满5个工作日，{} 之后才能结束公示", "The notice has not run 5 working days; it may close from {}";
    ReturnedTitle => "评审办事机构退回修改", "Returned for changes by the evaluation office";
    ReturnedLead => "请在48小时内按以下要求修改并重新提交，逾期视为放弃申报。", "Make these changes and resubmit within 48 hours; after that the application counts as withdrawn.";
    ReturnedNoneLeft => "已提交3次，不能再提交；截止时仍未通过的，视为放弃申报。", "All 3 submissions are used; it cannot be submitted again and counts as withdrawn at the deadline.";
    ReviewReturnLast => "该申报已提交3次：退回后申报人无法再提交，48小时后视为放弃申报。", "All 3 submissions are used: after a return the applicant cannot submit again, and it is withdrawn after 48 hours.";
    ReturnedSubject => "申报退回修改", "Application returned";
    ReturnedMessage => "【职评】您的职称申报已被退回修改，请于{}前修改并重新提交，逾期视为放弃申报。", "[Zhiping] Your application was returned. Resubmit before {} or it counts as withdrawn.";
    ReminderSubject => "申报修改即将截止", "Correction deadline approaching";
    ReminderMessage => "【职评】您的退回修改将于{}截止（剩余约{}小时），逾期视为放弃申报。", "[Zhiping] Your correction window closes at {} (about {} h left).";
    HistoryBy => "{} · {}", "{} · {}";
    PublicNoticeTitle => "职称申报公示", "Public notice of applications";
    PublicNoticeLead => "以下人员申报职称，现予公示。如有异议，请在公示期内实名提出。", "The following people have applied for a title. Objections may be lodged, with your name, during the notice.";
    PublicNoticeNone => "目前没有正在公示的申报。", "No application is on notice now.";
    PublicNoticeNotFound => "该公示不存在或已结束", "No such notice, or it has ended";
    PublicNoticePeriod => "公示期：{} 起，不少于5个工作日（{} 之后结束）", "On notice from {}, at least 5 working days (until {})";
    PublicNoticePolitical => "思想政治条件", "Political and professional conduct";
    PublicNoticeAchievements => "主要业绩", "Achievements";
    PublicNoticeWorks => "著作论文", "Publications";
    PublicNoticeTitleNow => "现专业技术职务", "Current title";
    ObjectionTitle => "提出异议", "Lodge an objection";
    ObjectionName => "您的姓名", "Your name";
    ObjectionContact => "联系方式", "How to reach you";
    ObjectionBody => "异议内容", "Your objection";
    ObjectionSend => "提交异议", "Send the objection";
    ObjectionLodged => "异议已提交，所在单位将予以核实。", "Your objection was recorded; the unit will look into it.";
    ObjectionThrottled => "提交过于频繁，请{}分钟后再试", "Too many objections from here; try again in {} minutes";

    // fee, evaluation, results, filing, certificates, findings (issue 5)
    UnitBarred => "本单位因协助弄虚作假被取消推荐资格，{} 前不得推荐", "This unit is barred from recommending after a fraud finding, until {}";
    FeeNotPayable => "只有“通过形式”的申报可以缴费，且只需缴费一次", "The fee can be paid only once the form review is passed, and only once";
    SessionNotFound => "该评审会不存在", "No such evaluation session";
    SessionNameRequired => "请填写评审会名称（100字以内）", "Enter the session's name (up to 100 characters)";
    SessionDateRequired => "请选择评审日期", "Choose the session's date";
    SessionTimeRequired => "请填写评审时间，如 09:30", "Enter the time, e.g. 09:30";
    SessionPlaceRequired => "请填写评审地点（200字以内）", "Enter the place (up to 200 characters)";
    SessionRuleInvalid => "通过规则须为“赞成票不少于到会评委的 分子/分母”，且 0 < 分子 ≤ 分母", "The rule must be a fraction num/den of the members present, with 0 < num ≤ den";
    SessionMembersRequired => "请至少选择一位评审委员", "Choose at least one committee member";
    SessionNotOpen => "该评审会已结束投票", "This session's voting is closed";
    SessionNotClosed => "请先结束投票再公示结果", "Close the voting before publishing the results";
    SessionPickApplications => "请至少选择一项申报", "Choose at least one application";
    SessionNotifySubject => "职称评审时间地点通知", "Evaluation time and place";
    SessionNotifyMessage => "【职评】您的职称申报已安排评审：时间 {}，地点 {}。请按时、按要求参加评审。", "[Zhiping] Your application will be evaluated on {} at {}. Please attend on time.";
    VoteChoose => "请选择“通过”或“不通过”", "Choose pass or fail";
    VoteAbsent => "您已被登记为缺席，本次评审不能投票", "You are recorded absent and cannot vote in this session";
    VoteReasonRequired => "投“不通过”时请填写理由", "Give the reason for a fail vote";
    VoteCommentTooLong => "意见不超过500字", "At most 500 characters";
    ResultNoticeNotOver => "评审结果公示期未满5个工作日，{} 之后才能备案", "The results have not been public for 5 working days; filing is possible after {}";
    RevokeReasonRequired => "请填写撤销原因（4–500字），原因将随状态公布", "Give the reason (4–500 characters); it is published with the status";
    CertificateNotRevocable => "该证书不存在或已撤销", "No such certificate, or it is revoked already";
    CertificateNumberInvalid => "证书编号格式不正确（如 XJZC-2026-000001-9），请核对后重新输入", "That is not a certificate number (e.g. XJZC-2026-000001-9); check it and try again";
    QueryThrottled => "查询过于频繁，请{}分钟后再试", "Too many queries from here; try again in {} minutes";
    CertificateNotFound => "未找到该编号的证书", "No certificate has this number";
    FindingEvidenceRequired => "请写明查实的事实和证据（10–5000字）", "Describe the facts and evidence found (10–5000 characters)";
    FindingSubjectRequired => "请选择处理对象：申报人、推荐单位或两者", "Choose whom the finding is against: the applicant, the unit, or both";
    ActionPayFee => "缴纳评审费", "Fee paid";
    ActionEvaluate => "评审表决", "Evaluated";
    ActionPublishResult => "公示评审结果", "Results published";
    ActionFile => "备案", "Filed";
    ActionIssue => "签发证书", "Certificate issued";
    ActionFindFraud => "查实弄虚作假", "Fraud found";

    // refusals not tied to one field
    Unauthenticated => "请先登录", "Please log in first";
    Forbidden => "您无权进行此操作", "You may not do this";
    CrossSite => "请求来源不正确，已拒绝", "Request refused: it came from another site";
    Internal => "系统暂时出现问题，您填写的内容没有丢失，请稍后再试", "Something went wrong on our side; nothing you entered is lost. Please try again";
    Network => "网络连接出现问题，请检查网络后重试", "The connection failed; check your network and try again";
}
