//! The texts. One line per message: key, Simplified Chinese (the seed's own words where it has
//! them), English. `{}` marks an argument, filled in order.

use super::Lang;

macro_rules! catalogue {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];
            /// Each message's key, in `ALL`'s order: its name in JSON (an API error names its message).
            const NAMES: &'static [&'static str] = &[$(stringify!($key)),*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Zh) => $zh, (Msg::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

impl Msg {
    /// The key as written in the catalogue (`"FieldName"`).
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn from_name(name: &str) -> Option<Msg> {
        Self::NAMES.iter().position(|n| *n == name).map(|i| Self::ALL[i])
    }
}

// By hand, as serde's derive would write a unit variant (its name as a string), but with one
// table lookup instead of a match of every key in each deserializer's copy: the derived
// `Deserialize` of this enum was 4 × 14–18 KB of the browser bundle (BENCHMARKS.md).
impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for Msg {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Msg, D::Error> {
        let name = String::deserialize(d)?;
        Msg::from_name(&name).ok_or_else(|| serde::de::Error::unknown_variant(&name, &[]))
    }
}

catalogue! {
    // the frame
    AppName => "职评", "Zhiping";
    BrandMark => "评", "评";
    AppTagline => "专业技术人员职称申报评审平台", "Professional title application and evaluation";
    AppDescription => "职评：专业技术人员在手机上申报职称，单位、主管部门、评审办、评委会、人社部门和发证部门在线审核、公示、评审、备案和发证。", "Zhiping: professionals apply for their title on a phone; their unit, the competent authority, the evaluation office, the committee, the HR department and the issuer review, publicise, evaluate, file and certify online.";
    SkipToContent => "跳到正文", "Skip to content";
    NavMain => "主导航", "Main navigation";
    NavHome => "首页", "Home";
    NavLogin => "登录", "Log in";
    NavRegister => "注册", "Register";
    NavLogout => "退出登录", "Log out";
    NavMenu => "菜单", "Menu";
    NavRecover => "找回用户名和密码", "Recover user name and password";
    NavOutbox => "消息发件箱", "Message outbox";
    SwitchLanguage => "English", "中文";
    SwitchLanguageShort => "EN", "中";
    SwitchLanguageLabel => "（切换语言）", " (switch language)";
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
    HintCode => "8位数字，15分钟内有效", "8 digits, valid for 15 minutes";
    ButtonRegister => "注册", "Register";
    ButtonLogin => "登录", "Log in";
    ButtonSendUsername => "发送用户名", "Send my user name";
    ButtonSendCode => "发送验证码", "Send a code";
    ButtonResetPassword => "重置密码", "Reset password";
    ChannelPhone => "手机短信", "Text message";
    ChannelEmail => "电子邮件", "E-mail";

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
    LoginToContinue => "请先登录，登录后将回到您要打开的页面", "Please log in; you will then be taken to the page you asked for";

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
    OutboxTitle => "消息发件箱", "Message outbox";
    OutboxIntro => "平台发出的每一条短信和邮件都记录在这里（最近200条）。演示环境不真正发送；正式环境中验证码以星号显示。", "Every text and e-mail the platform sends is recorded here (the latest 200). The demo sends nothing for real; outside the demo, codes are shown as asterisks.";
    OutboxEmpty => "还没有消息", "No messages yet";
    OutboxTime => "时间", "Time";
    OutboxChannel => "渠道", "Channel";
    OutboxRecipient => "收件人", "Recipient";
    OutboxBody => "内容", "Message";

    // home
    HomeGreeting => "{}，您好", "Hello, {}";
    HomeRole => "角色", "Role";
    HomeOrg => "所属机构", "Organisation";
    HomeUsername => "用户名", "User name";
    ConfirmStartNotice => "开始公示后，申报人的姓名、所在单位、思想政治条件、申报专业及业绩成果将立即在“公示”页面向所有人公开，公示期不少于5个工作日，期间任何人可以提出异议。公示开始后不能撤回。", "Once the notice starts, the applicant's name, unit, political conduct, specialty and achievements are public on the notices page at once, for at least 5 working days, during which anyone may object. It cannot be withdrawn.";
    ConfirmStartNoticeButton => "确认开始公示", "Start the public notice";
    ConfirmRestoreDay => "恢复后，这一天按平常的工作日或周末计算；正在进行的公示和期限将按新的日历重新计算截止时间。", "After restoring, this day counts as an ordinary weekday or weekend; running notices and deadlines are recomputed with the new calendar.";
    ConfirmRestoreButton => "确认恢复", "Restore the day";
    ButtonPick => "选择文件", "Choose a file";
    ButtonPickAgain => "选择新文件", "Choose another file";
    HomeNextTitle => "接下来", "Next";
    HomeNextNone => "您还没有进行中的申报：先选择级别、系列、专业和所在单位。", "You have no application in progress: choose the level, series, specialty and unit first.";
    HomeNextMissing => "{} 的申报还缺 {} 项材料。", "Your {} application still lacks {} items.";
    HomeNextReady => "{} 的申报材料已齐全，请检查并提交。", "Your {} application is complete: check and submit it.";
    HomeNextStatus => "{} 的申报：{}", "Your {} application: {}";
    HomeQueueCount => "审核队列中有 {} 份申报等待处理。", "{} applications wait in your review queue.";
    HomeQueueEmpty => "审核队列中暂无待处理的申报。", "Nothing waits in your review queue.";
    HomeQueueNearest => "最近的期限：{}（北京时间）", "Nearest deadline: {} (Beijing time)";
    HomeGoTo => "进入{}", "Go to {}";
    HomeOpenQueue => "打开审核队列", "Open the review queue";

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
    CodeFormat => "验证码是8位数字", "The code is 8 digits";
    IdLength => "身份证号应为18位，现在是{}位", "An ID number has 18 characters; this has {}";
    IdCharacters => "身份证号前17位应为数字，最后一位为数字或X", "The first 17 characters are digits, the last a digit or X";
    IdRegion => "前6位地址码 {} 不是有效的行政区划代码", "The region code {} is not a valid one";
    IdBirthDate => "第7至14位出生日期 {} 不是有效日期", "The birth date {} (characters 7–14) is not a valid date";
    IdCheckCharacter => "校验位不正确：按前17位计算，最后一位应为 {}，而不是 {}。请核对号码", "Wrong check character: from the first 17 it should be {}, not {}. Please check the number";

    // applications
    OneOpenApplication => "您本年度已有一份未结束的申报，不能再新建", "You already have an open application this year";
    RoundNone => "您单位所在地区尚未开放本系列的申报，请留意评审办公室的通知", "This series has no round open in your unit's region yet";
    RoundNotOpenYet => "本系列本年度的申报将于 {} 开始，届时即可新建申报", "Applications in this series open on {}";
    RoundClosed => "本系列本年度的申报已于 {} 截止，不能再新建或提交", "Applications in this series closed on {}";
    RoundAlreadyApplied => "您在本年度已申报过本系列（{}）：每人每年度只能申报一次，撤回、单位未推荐或被认定弄虚作假的，视为放弃本年度申报", "You have applied in this series this year already ({}): one application per person per round";
    RoundBadYear => "请填写 2000 至 2100 之间的年度，如 2026", "Enter a year between 2000 and 2100";
    RoundSubmitBeforeOpen => "截止提交日期不能早于开始申报日期", "The last day to submit cannot come before the first day";
    RoundsTitle => "申报批次", "Rounds";
    ConditionLine => "申报{}：须任{}职称满 {} 年", "{}: a {} title for {} years";
    ConditionLineNone => "申报{}：不要求现任职称", "{}: no current title needed";
    ConditionLineHours => "继续教育：任现职以来每年不少于 {} 学时", "Continuing education: {} hours a year";
    ConditionLineResults => "年度考核：{}", "Assessments: {}";
    ConditionLineSimilarity => "论文相似性检测报告：申报{}", "Similarity report: {}";
    UnmetTitle => "不符合本批次评审条件：", "Does not meet this round's conditions: ";
    HintCurrentLevel => "申报中级及以上须填写现任职称级别和取得时间，平台按本批次的评审条件当即核对；申报初级可不填。", "Needed from 中级 up: checked at once against this round's conditions.";
    UnmetTitleLevel => "申报{}须现任{}职称，您填写的现任职称级别是{}", "Applying at {} needs a current {} title; you gave {}";
    UnmetTooFewYears => "须任{}职称满{}年（计算至 {}）：按取得时间，{} 起方可申报", "Needs {} for {} years (counted to {}): eligible from {}";
    ProblemTooFewHours => "本批次要求每年继续教育不少于 {} 学时", "This round asks at least {} hours a year";
    ProblemNotPassing => "考核结果须为{}之一", "The result must be one of {}";
    ConditionsTitle => "评审条件", "Conditions";
    ConditionLevel => "申报{}", "Applying at {}";
    ConditionRequires => "须任现职称级别", "Current title required";
    ConditionNoTitle => "不要求", "None";
    ConditionMinYears => "任现职最少年限（年）", "Minimum years in it";
    ConditionSimilarity => "论文须附相似性检测报告", "Papers need a similarity report";
    ConditionTrainingHours => "继续教育每年最少学时", "Continuing-education hours a year";
    ConditionPassingResults => "计为合格的考核结果（用、分隔）", "Assessment results that count (separated by 、)";
    ConditionNumber => "请填写 0 至 {} 的整数", "Enter a whole number from 0 to {}";
    ConditionRequiresLower => "只能要求低于申报级别的现任职称", "A level can only require a lower title";
    ConditionNoPassing => "请至少填写一种计为合格的考核结果，如 优秀、合格", "Name at least one result that counts";
    RoundsNone => "目前没有开放或即将开放的申报批次。", "No round is open or about to open.";
    RoundHeading => "{}年度 · {}", "{} · {}";
    RoundOpenFor => "申报中：{} 截止，还剩 {} 天", "Open: closes {}, {} days left";
    RoundOpensOn => "{} 开始申报", "Opens {}";
    RoundClosedOn => "已于 {} 截止", "Closed on {}";
    RoundReference => "评审条件计算至 {}", "Conditions are counted to {}";
    UploadRefusedEmpty => "文件是空的", "The file is empty";
    UploadInterrupted => "上传中断，已上传的其他文件不受影响，请重试", "The upload was interrupted; files already uploaded are safe. Try again";
    UploadRefusedQuota => "本申报保存的文件已达上限（{} 个或 {} MB）：替换或删除的旧文件一小时后清理，之后可再上传", "This application keeps as many files as it may ({} files or {} MB): replaced or removed files are cleared after an hour, then you can upload again";
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
    LabelCurrentLevel => "现任职称级别", "Level of the current title";
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
    FieldAidUnit => "援疆派出单位", "Aid dispatching unit";
    FieldAidUnitNone => "不是援疆人员", "Not aid staff";
    HintAidUnit => "对口支援新疆一年以上且正在援疆的人员，选择派出单位（原所在单位）：申报由派出单位审核，其余流程不变", "Aid staff (a year or more, still on the posting) choose their dispatching unit: it reviews the application; the rest is unchanged";
    LabelAidSince => "援疆开始日期", "Aid posting began on";
    LabelAidStillServing => "目前是否仍在援疆", "Still on the aid posting";
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
    ProblemNotChosen => "请选择", "Please choose";
    ProblemAidTooShort => "援疆满一年方可按援疆人员申报：{} 起援疆，{} 满一年", "Aid staff apply after a full year on the posting: from {}, a year on {}";
    ProblemAidEnded => "援疆人员须在援疆期间申报；援疆已结束的，请由所在单位按常规程序申报", "Aid staff apply while still on the posting; once it has ended, apply through your own unit as usual";
    ProblemNeedsPostDate => "请先在“专业技术资格”中填写取得资格时间", "First give the date of the current qualification (in Qualification)";
    ProblemNoFile => "请上传", "Upload required";
    ProblemNoItems => "请至少添加一项", "Add at least one";
    ProblemVague => "含有含糊词语“{}”：{}", "Vague wording “{}”: {}";
    ProblemMaybeVague => "请确认“{}”是否确切：{}。如所写无误（例如论文原题），可不修改，不影响提交", "Please check “{}”: {}. If it is exact (a paper's published title, say), keep it: it does not stop submission";
    ProblemBeforePost => "日期 {} 早于取得现资格的时间 {}，只能填写任现职以来的材料", "{} is before the current qualification ({}); only material since the current post counts";
    ProblemYearMissing => "缺少 {} 年度的记录", "The record for {} is missing";
    ProblemNotFirstAuthor => "只计算第一作者论文", "Only first-author papers count";
    DatePlaceholder => "例：2024-03-01", "e.g. 2024-03-01";
    BadDate => "日期格式应为 年-月-日，例如 2024-03-01 或 20240301", "Use a date like 2024-03-01 or 20240301";
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
    FormIntroAnyDate => "内容随填随存：刷新页面或断网不会丢失。请如实填写，不得使用含糊词语。", "Saved as you type: a reload or a lost connection loses nothing. Be exact; no vague wording.";
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
    StaffUnitBarred => "所在单位“{}”因协助弄虚作假被取消推荐资格，{} 前本单位人员不能申报或提交", "{} is barred from recommending after a fraud finding: its staff cannot apply or submit until {}";
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
    QueueShown => "共 {} 份", "{} in all";
    QueueRange => "本页第 {}–{} 份", "{}–{} on this page";
    QueuePages => "翻页", "Pages";
    QueueNextPage => "下一页", "Next page";
    QueueFirstPage => "回到第一页", "Back to the first page";
    QueueLive => "实时更新", "Live";
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
    ObjectorWithheld => "实名异议（异议人信息仅对推荐单位和评审办事机构可见）", "A signed objection (who lodged it is shown to the unit and the evaluation office only)";
    FileWithheld => "已由审核单位核验（评委会不查看身份证件）", "Checked by the reviewing bodies (the committee does not see identity papers)";
    ReviewDuplicatesTitle => "重复材料提示", "Files also found elsewhere";
    ReviewMaterials => "申报材料", "Materials";
    ReviewObjections => "公示异议", "Objections lodged";
    ReviewNoObjections => "公示期间暂无异议。", "No objection lodged.";
    ObjectionFindings => "核实情况", "What the unit found";
    ObjectionOutcome => "处理结果", "How it was resolved";
    ObjectionHandleButton => "记录处理情况", "Record the handling";
    ObjectionPending => "待处理：同意推荐前须记录核实情况和处理结果", "To handle: record what was found and done before recommending";
    ObjectionHandledAt => "{} 已处理", "Handled {}";
    ObjectionsUnhandled => "公示期间有 {} 条异议尚未处理：请先在“公示异议”中记录核实情况和处理结果", "{} objection(s) lodged during the notice are not handled yet: record what was found and done under “Objections lodged” first";
    ObjectionAlreadyHandled => "这条异议已记录处理情况", "This objection's handling is already recorded";
    ReviewDecision => "审核意见", "Decision";
    ReviewNothingToDo => "此申报当前不在您的审核环节，只能查看。", "This application is not at your step; you can only read it.";
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
    SessionNotYetHeld => "评审会定于 {}（北京时间）举行，举行后才能结束投票", "The session meets at {} (Beijing time); voting can end only after that";
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
    UploadThrottled => "上传过于频繁，请{}分钟后再试", "Too many uploads; try again in {} minutes";
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
    ActionHandleObjection => "处理异议", "Objection handled";

    FeeTitle => "评审费", "Evaluation fee";
    FeeBack => "返回申报", "Back to the application";
    FeeAmount => "应缴金额", "Amount due";
    FeeLead => "申报已“通过形式”，请缴纳评审费。点击后进入支付页面，支付成功后自动返回。", "The form review is passed; please pay the fee. You will go to the payment page and come back here after paying.";
    FeePay => "缴纳评审费", "Pay the fee";
    FeePaidAt => "已于 {} 缴费", "Paid on {}";
    FeeReceipt => "下载收据（PDF）", "Download the receipt (PDF)";
    FeeJustPaid => "支付成功，申报已进入评审环节。", "Payment received; the application is now under evaluation.";
    FeeNotYet => "申报“通过形式”后才能缴费。", "The fee can be paid once the form review is passed.";
    FeeSessionTitle => "评审安排", "Your evaluation";
    FeeLink => "评审费与评审安排", "Fee and evaluation";
    EvaluationTitle => "评审组织", "Evaluation sessions";
    EvaluationFees => "缴费情况", "Fees";
    EvaluationPaidUnpaid => "已缴费待分配 {} 人，通过形式未缴费 {} 人", "{} paid and waiting for a session, {} passed but not paid";
    EvaluationUnassigned => "已缴费、待分配评审会", "Paid, not yet in a session";
    EvaluationUnpaid => "未缴费", "Not paid";
    SessionNew => "新建评审会", "New session";
    SessionName => "评审会名称", "Name";
    SessionDate => "评审日期", "Date";
    SessionTime => "时间", "Time";
    SessionWhen => "时间", "When";
    SessionPlace => "地点", "Place";
    SessionRule => "通过规则", "Pass rule";
    SessionRuleHint => "赞成票不少于到会且无需回避的评委的比例（默认三分之二）", "Share of the members present and not recused who must vote pass (default two thirds)";
    SessionRuleNum => "分子", "Numerator";
    SessionRuleDen => "分母", "Denominator";
    SessionRuleIs => "通过规则：赞成票 ≥ {}/{}", "Pass rule: pass votes ≥ {}/{}";
    SessionMembers => "评审委员", "Committee members";
    SessionCreate => "创建评审会", "Create the session";
    SessionList => "评审会", "Sessions";
    SessionNone => "暂无评审会", "No sessions yet";
    SessionCount => "{} 项申报", "{} applications";
    SessionStateOpen => "投票中", "Voting";
    SessionStateClosed => "投票已结束", "Voting closed";
    SessionStatePublished => "结果已公示", "Results published";
    SessionApplications => "参评申报", "Applications";
    SessionNoApplications => "暂无申报", "No applications";
    SessionVotes => "赞成 {} / 已投 {}", "{} pass of {} cast";
    SessionVotesHead => "投票", "Votes";
    SessionOutcome => "评审结果", "Outcome";
    SessionWithheld => "回避：{} 人次（评委不能查看、表决本单位申报人）", "Recusals: {} (members do not see or vote on their own unit's applicants)";
    SessionAssign => "分配申报到本评审会", "Assign applications";
    SessionAssignButton => "分配并通知申报人", "Assign and notify the applicants";
    SessionClose => "结束投票并计算结果", "Close the voting";
    SessionCloseHint => "结束后不能再投票；到会评委未投票视为未赞成。", "No vote is possible afterwards; a present member who did not vote counts as not passing.";
    SessionPublish => "公示评审结果", "Publish the results";
    MemberPresent => "到会", "present";
    MemberAbsent => "缺席", "absent";
    MemberMarkAbsent => "登记缺席", "Mark absent";
    MemberMarkPresent => "登记到会", "Mark present";
    OutcomePass => "通过", "Pass";
    OutcomeFail => "未通过", "Fail";
    OutcomePending => "待表决", "Pending";
    ResultNoticeUntil => "结果公示至 {}", "Results public until {}";
    CommitteeTitle => "我的评审", "My evaluations";
    CommitteeRecusal => "与您同单位的申报人不在此列（回避）。", "Applicants from your own unit are not listed (recusal).";
    VoteOn => "对 {} 的表决", "Vote on {}";
    VoteLegend => "表决", "Vote";
    VotePass => "通过", "Pass";
    VoteFail => "不通过", "Fail";
    VoteComment => "意见（不通过时必填）", "Comment (required for a fail)";
    VoteSubmit => "提交表决", "Cast the vote";
    VoteYours => "您的表决：", "Your vote: ";
    FilingTitle => "评审结果备案", "Filing of results";
    FilingNone => "暂无待备案的评审结果", "No results waiting to be filed";
    FilingChosen => "备案所选", "File the chosen";
    FilingAll => "全部备案", "File all";
    FilingDone => "已备案。", "Filed.";
    ResultsTitle => "评审结果公示", "Evaluation results";
    ResultsLead => "以下为各评审会的评审结果，公示期内如有异议，请实名提出。", "Results of each session. Objections may be lodged, with your name, during the notice.";
    ResultsNone => "暂无公示中的评审结果", "No results published";
    ResultsObject => "提出异议", "Object";
    MyCertificatesTitle => "我的职称证书", "My certificates";
    MyCertificatesNone => "暂无证书", "No certificates yet";
    CertificateHolder => "持证人", "Holder";
    CertificateNumber => "证书编号", "Certificate number";
    CertificateIssuer => "发证机关", "Issued by";
    CertificateIssuedOn => "签发日期", "Issued on";
    CertificateTitleName => "资格名称", "Title";
    CertificateDownload => "下载 PDF", "Download PDF";
    CertificateCheck => "在线核验", "Check online";
    CertificatePrint => "打印", "Print";
    CertificateValid => "有效证书", "Valid certificate";
    CertificateRevoked => "证书已撤销", "Certificate revoked";
    IssuingTitle => "证书签发", "Issuing certificates";
    IssuingWaiting => "已备案、待签发", "Filed and waiting";
    IssuingChosen => "签发所选", "Issue the chosen";
    IssuingAll => "全部签发", "Issue all";
    IssuingNone => "暂无待签发的证书", "Nothing waiting";
    IssuingIssued => "已签发证书", "Issued certificates";
    IssuingNoneIssued => "本地区尚未签发证书", "No certificates issued in this region yet";
    IssuingDone => "已签发 {} 份证书。", "{} certificates issued.";
    RevokeOpen => "撤销…", "Revoke…";
    RevokeLabel => "撤销证书 {}", "Revoke certificate {}";
    RevokeReason => "撤销原因", "Reason";
    RevokeButton => "撤销证书", "Revoke";
    VerifyTitle => "职称证书核验", "Check a certificate";
    VerifyLead => "输入证书编号，或扫描证书上的二维码，查看证书是否有效。", "Enter the certificate number, or scan the QR code on it, to see whether it is valid.";
    VerifyButton => "核验", "Check";
    VerifyOffline => "下载的证书文件带有电子签名，可用公布的公钥离线核验：zhiping verify-certificate 文件.pdf --public-key 公钥（公钥见 /certificates/public-key）。", "A downloaded certificate carries a signature that can be checked offline with the published key: zhiping verify-certificate file.pdf --public-key KEY (key at /certificates/public-key).";
    VerifyResult => "核验结果", "Result";
    VerifyIdNumber => "身份证号", "ID number";
    VerifyRevokedOn => "撤销日期：{}", "Revoked on {}";
    VerifySignatureBad => "签名不符，请联系发证机关", "signature does not match; contact the issuer";
    VerifySignedBy => "发证机关以 Ed25519 电子签名签发（密钥 {}）", "Signed by the issuer with Ed25519 (key {})";
    FindingsTitle => "弄虚作假通报", "Fraud findings";
    FindingsLead => "经查实在职称申报中弄虚作假的申报人和协助弄虚作假的单位，在全疆范围内通报。", "Applicants found to have falsified applications, and units found to have helped them, as published region-wide.";
    FindingsNone => "暂无通报", "No findings";
    FindingApplicant => "申报人（取消三年申报资格）", "Applicant (barred for 3 years)";
    FindingUnit => "推荐单位（取消两年推荐资格，记入不良信用档案）", "Unit (barred from recommending for 2 years; credit record)";
    FindingPeriod => "查实日期 {}，处理至 {}", "Found on {}, in force until {}";
    FindingPeriodOver => "处理期限已满", "Period over";
    CreditRecordTitle => "诚信档案", "Credit record";
    CreditRecordLead => "经查实的弄虚作假记录，含处理期限已满的。评审办事机构查看其经办的申报的记录，单位查看本单位的记录，申报人查看本人的记录。", "Fraud findings, including those whose period is over. The evaluation office sees those on applications it handled, a unit its own, an applicant their own.";
    CreditRecordNone => "没有记录", "No entries";
    FindingTitle => "查实弄虚作假", "Record a fraud finding";
    FindingEvidence => "查实的事实和证据", "Facts and evidence";
    FindingAgainstApplicant => "申报人（三年内不得申报，立即退出登录）", "The applicant (barred for 3 years; signed out now)";
    FindingUnitNotByUnit => "单位不能认定本单位协助弄虚作假，请只选择申报人；单位的责任由主管部门或评审办事机构认定", "A unit does not find against itself: choose the applicant only; the authority or the office judges the unit";
    FindingAgainstUnit => "推荐单位（两年内不得推荐，记入不良信用档案）", "The recommending unit (barred for 2 years; credit record)";
    FindingRecorded => "已记录并通报：该申报已关闭，处理期限已生效。", "Recorded and published: the application is closed and the bans are in force.";
    FindingSubmit => "记录并通报", "Record and publish";
    NavEvaluation => "评审组织", "Sessions";
    NavCommittee => "我的评审", "My evaluations";
    NavFiling => "备案", "Filing";
    NavIssuing => "证书签发", "Certificates";
    NavCertificates => "我的证书", "My certificates";
    NavResults => "评审结果", "Results";
    NavVerify => "证书核验", "Verify";
    NavFindings => "通报", "Findings";
    NavCreditRecord => "诚信档案", "Credit record";

    // refusals not tied to one field
    Unauthenticated => "请先登录", "Please log in first";
    Forbidden => "您无权进行此操作", "You may not do this";
    CrossSite => "请求来源不正确，已拒绝", "Request refused: it came from another site";
    Internal => "系统暂时出现问题，您填写的内容没有丢失，请稍后再试", "Something went wrong on our side; nothing you entered is lost. Please try again";
    PasswordUnchanged => "新密码不能与当前密码相同", "The new password must differ from the current one";
    CurrentPasswordWrong => "当前密码不正确", "The current password is not right";
    ChangePasswordTitle => "修改密码", "Change password";
    ChangePasswordIntro => "修改后，其他设备上的登录将全部退出。", "After the change, you are signed out on every other device.";
    FieldCurrentPassword => "当前密码", "Current password";
    ButtonChangePassword => "修改密码", "Change password";
    PasswordChanged => "密码已修改，其他设备上的登录已退出。", "Your password is changed; every other device is signed out.";
    NavChangePassword => "修改密码", "Change password";
    RequestNotUnderstood => "请求无法识别，请刷新页面后重试", "The request could not be read; reload the page and try again";
    RequestTooLarge => "提交的内容过大，未能保存；请减少内容后重试", "What was sent is too large and was not saved; shorten it and try again";
    Network => "网络连接出现问题，请检查网络后重试", "The connection failed; check your network and try again";

    // administration (issue 5 part 7)
    NavAdmin => "系统管理", "Administration";
    AdminTitle => "系统管理", "Administration";
    AdminIntro => "机构、账号与角色、评审系列、工作日历、通知公告和消息，都在这里维护。每一项修改都记入审计日志。", "Organisations, accounts and roles, title series, the working-day calendar, notices and messages are kept here. Every change is written to the audit log.";
    AdminOrgs => "机构管理", "Organisations";
    AdminOrgsHint => "地区 → 主管部门 → 单位；评审办事机构、评审委员会、人社部门和证书签发机构隶属地区。", "Region → authority → unit; offices, committees, HR departments and issuers belong to a region.";
    AdminUsers => "账号与角色", "Accounts and roles";
    AdminUsersHint => "邀请工作人员、调整角色和所属机构、停用账号（停用后立即退出登录）。", "Invite staff, change roles and organisations, disable accounts (which signs them out at once).";
    AdminSeries => "评审系列与专业", "Title series and specialties";
    AdminSeriesHint => "申报人只能选择这里开放的系列和专业；证书上的职称名称取自这里。", "Applicants choose only among the open series and specialties here; certificates print the titles set here.";
    AdminCalendar => "工作日历", "Working-day calendar";
    AdminCalendarHint => "法定节假日和调休上班日；公示期按这里的工作日计算。", "Public holidays and make-up working days; notice periods count working days on this calendar.";
    AdminNoticesHint => "发布申报通知和申报条件。", "Publish calls for applications and their conditions.";
    AdminOutboxHint => "平台发出的短信和邮件。", "The texts and e-mails the platform sent.";
    AdminNameLength => "名称应为2至60个字", "Names are 2 to 60 characters";
    AdminParentKind => "上级机构应为{}", "The parent must be a {}";
    AdminRegionNoParent => "地区没有上级机构", "A region has no parent";
    AdminUsernameFormat => "用户名为3至32位小写字母、数字或 . _ -，以字母开头", "User names are 3 to 32 lower-case letters, digits or . _ -, starting with a letter";
    AdminUsernameTaken => "该用户名已被使用，请换一个", "This user name is taken; choose another";
    AdminSeriesTaken => "已有同名的评审系列", "A series with this name exists";
    AdminRoundTaken => "该系列在该地区这一年度已有批次，请修改原批次", "This series already has a round in that region that year";
    AdminRounds => "申报批次", "Rounds";
    AdminRoundsHint => "每个评审系列在每个地区每年一个批次：何时可以新建和提交申报，以及任职年限、继续教育和年度考核计算到哪一天。", "One round per series, region and year: when applications may be started and submitted, and the day conditions are counted to.";
    RoundNew => "新建批次", "New round";
    RoundEdit => "修改批次", "Change round";
    RoundSaveButton => "保存批次", "Save round";
    FieldRegion => "地区", "Region";
    FieldRoundYear => "评审年度", "Year";
    FieldOpensOn => "开始申报日期", "First day to apply";
    FieldSubmitBy => "截止提交日期", "Last day to submit";
    FieldReferenceDate => "条件计算截止日期", "Conditions counted to";
    HintReferenceDate => "任职年限、继续教育和年度考核都计算到这一天（如 2026-12-31），跨年也不变。", "Years in post, training and assessment years are counted to this day, whatever the date.";
    HintRoundDates => "日期可写作 2026-11-01 或 2026年11月1日。已退回的申报在截止后仍可在 48 小时内修改提交。", "Dates as 2026-11-01. A returned application may still be resubmitted within its 48 hours after the close.";
    AdminRoleOrgKind => "该角色应属于{}", "This role belongs to a {}";
    AdminNotOnSelf => "不能停用、现场重置自己的账号或取消自己的管理员角色", "You cannot disable or reset your own account, or remove your own administrator role";
    AdminSaved => "已保存", "Saved";
    OrgKindRegion => "地区", "region";
    OrgKindAuthority => "主管部门", "competent authority";
    OrgKindUnit => "单位", "unit";
    OrgKindOffice => "评审办事机构", "evaluation office";
    OrgKindCommittee => "评审委员会", "evaluation committee";
    OrgKindHr => "人社部门", "HR department";
    OrgKindIssuer => "证书签发机构", "certificate issuer";
    OrgKindDispatching => "援疆派出单位（区外）", "aid dispatching unit (outside the region)";
    OrgKindLabel => "机构类型", "Kind";
    OrgTree => "组织机构", "Organisation tree";
    OrgName => "机构名称", "Name";
    OrgParent => "上级机构", "Parent";
    OrgNoParent => "无（地区）", "None (a region)";
    OrgPeople => "{}人", "{} people";
    OrgNew => "新增机构", "New organisation";
    OrgCreate => "新增", "Add";
    OrgRename => "改名", "Rename";
    OrgRenameSave => "保存名称", "Save name";
    UsersFilter => "筛选", "Filter";
    UsersFilterText => "姓名、用户名、手机或邮箱", "Name, user name, phone or e-mail";
    UsersAnyRole => "全部角色", "All roles";
    UsersAnyOrg => "全部机构", "All organisations";
    UsersNone => "没有符合条件的账号", "No accounts match";
    UsersMore => "只显示前{}个，请用筛选缩小范围", "Only the first {} are shown; filter to narrow the list";
    UsersCount => "共{}个账号", "{} accounts";
    UserUsername => "用户名", "User name";
    UserRole => "角色", "Role";
    UserOrg => "所属机构", "Organisation";
    UserNoOrg => "无（申报人在申报时选择单位）", "None (applicants choose their unit when they apply)";
    UserDisabled => "已停用", "Disabled";
    UserActive => "正常", "Active";
    UserChange => "修改角色", "Change role";
    UserChangeSave => "保存角色", "Save role";
    UserDisable => "停用", "Disable";
    UserEnable => "启用", "Enable";
    UserResetInPerson => "现场核验重置密码", "Reset in person";
    UserResetHint => "本人手机和邮箱都已无法使用时：当面查验本人居民身份证原件，输入证件上的号码。核对一致后生成一次性重置码，当面交给本人，由本人在“找回用户名和密码”页设置新密码。此操作记入审计日志。", "When both phone and e-mail are lost: check the person's ID card face to face and type its number. If it matches, a one-time code is made; hand it over, and they set a new password on the recovery page. The step is audited.";
    UserResetIdNumber => "证件上的身份证号", "ID number on the card";
    UserResetSubmit => "核验并生成重置码", "Check and make a code";
    UserResetCode => "一次性重置码 {}（{} 前有效）：请当面交给 {}，由本人在“找回用户名和密码 → 重置密码”中输入用户名、此码和新密码。", "One-time code {} (valid until {}): hand it to {}; they enter their user name, this code and a new password under Recover → Reset password.";
    IdentityAccountDisabled => "该账号已停用：请先启用，再现场重置", "This account is disabled: enable it first";
    IdentityMismatch => "与该账号登记的身份证号不一致，请核对证件", "Not the ID number this account registered with: check the card";
    IdentityNoneOnFile => "该账号未登记身份证号，无法现场核验：工作人员账号请停用后重新邀请", "This account has no ID number to check against: disable a staff account and invite again";
    UserInvite => "邀请工作人员", "Invite a colleague";
    UserInviteHint => "账号开通后，平台把用户名和验证码发到对方的手机和邮箱，对方用验证码设置密码（72小时内有效）。", "The platform sends the user name and a code to their phone and e-mail; they set a password with the code (valid 72 hours).";
    UserInviteSend => "发送邀请", "Send invitation";
    UserInvited => "已向 {} 发出邀请", "Invitation sent to {}";
    InviteSubject => "职评：账号开通邀请", "Zhiping: your account";
    InviteMessage => "【职评】{}，您好：已为您开通职评平台账号，用户名 {}。请在72小时内打开 {}，输入用户名和验证码 {} 设置密码。", "[Zhiping] {}: an account was opened for you, user name {}. Within 72 hours open {} and set your password with the code {}.";
    SeriesName => "系列名称", "Series";
    SeriesSpecialties => "专业（每行一个；留空表示不限）", "Specialties (one per line; empty: any)";
    SeriesTitles => "各级职称名称", "Title at each level";
    SeriesOpen => "开放申报", "Open for applications";
    SeriesClosedBadge => "暂停申报", "Closed";
    SeriesNew => "新增评审系列", "New title series";
    SeriesSave => "保存", "Save";
    SeriesEdit => "修改", "Edit";
    SeriesAnySpecialty => "不限专业", "Any specialty";
    SeriesUnknown => "请选择平台开放的评审系列", "Choose one of the platform's title series";
    SeriesClosed => "该评审系列暂停申报", "This series takes no applications now";
    SpecialtyUnknown => "请选择该系列的专业之一", "Choose one of this series' specialties";
    CalendarYear => "{}年", "{}";
    CalendarPrev => "上一年", "Previous year";
    CalendarNext => "下一年", "Next year";
    CalendarNone => "这一年还没有录入节假日和调休。周六、周日休息，其余为工作日。", "No holidays or make-up days for this year yet: Saturdays and Sundays are off, other days are working days.";
    CalendarDay => "日期", "Date";
    CalendarKind => "类型", "Kind";
    CalendarNote => "说明", "Note";
    CalendarHoliday => "节假日（休息）", "Holiday (off)";
    CalendarWorkday => "调休上班", "Make-up working day";
    CalendarWeekday => "按周末规则", "Weekday rule";
    CalendarSet => "设置日期", "Set a day";
    CalendarSave => "保存", "Save";
    CalendarReset => "恢复", "Reset";
    CalendarNoteHint => "如：春节假期、国庆调休上班", "e.g. Spring Festival, National Day make-up day";
    VoteMaterials => "查看申报材料", "Read the application";
    VoteMaterialsOf => "查看{}的申报材料", "Read {}'s application";
    SealNotPng => "公章图片应为PNG格式", "The seal must be a PNG image";
    SealTooLarge => "公章图片不能超过{}KB", "The seal image may not exceed {} KB";
    SealOpaque => "公章图片应为透明背景（否则会遮住下面的文字）", "The seal needs a transparent background (or it hides the text under it)";
    SealShape => "公章图片应大致为正方形，边长{}至{}像素", "The seal should be roughly square, {} to {} pixels a side";
    SealLabel => "公章图片（透明背景PNG）", "Seal image (transparent PNG)";
    SealUpload => "上传公章", "Upload seal";
    SealCurrent => "当前公章", "Current seal";
    SealDemo => "尚未上传，证书使用演示公章", "None uploaded: certificates use the demo seal";
}
