/**
 * The built-in Section 11 template, in our own words. Its themes follow the arrangements that
 * Working Together to Safeguard Children asks of every organisation bound by Section 11 of the
 * Children Act 2004. Partnerships copy it and adapt their copy; this definition never changes
 * under a published version.
 */
import type { TemplateDefinition } from '../template-definition.ts';
import { graded, yesNo } from './questions.ts';

export const section11Template: TemplateDefinition = {
  key: 'section-11-children',
  name: 'Section 11 self-assessment (children)',
  description:
    'A self-assessment of how an organisation meets its duty under Section 11 of the Children Act 2004 to make sure its functions are discharged with regard to the need to safeguard and promote the welfare of children.',
  gradeDescriptors: {
    red: 'Not in place, or significant gaps that leave children at risk. Urgent action is needed.',
    amber: 'Partly in place. Some arrangements work well but there are gaps or they are not yet consistent.',
    green: 'Fully in place, working consistently, and you can show the evidence.',
  },
  themes: [
    {
      key: 'leadership',
      title: 'Senior leadership and commitment',
      description:
        'Whether the people who run the organisation treat safeguarding children as a priority and a named senior leader answers for it.',
      guidance:
        'Think about the board or governing body as well as the executive team. A good answer shows how leaders know what is happening for children, not only that a policy exists.',
      questions: [
        yesNo(
          'leadership-board-lead',
          'Is there a named member of the board or governing body with responsibility for safeguarding children?',
          'Give the name and role. The person should be senior enough to challenge and change how the organisation works.',
          'Board minutes; terms of reference; the lead’s role description',
        ),
        graded(
          'leadership-statement',
          'The organisation’s leaders have set out, in writing, their commitment to safeguarding and promoting the welfare of children.',
          'A statement in the strategic plan, annual report or a leadership declaration that staff can find and quote.',
          'Strategic or business plan; annual report; published statement',
        ),
        graded(
          'leadership-reporting',
          'The board or governing body receives regular safeguarding reports and acts on them.',
          'At least once a year, covering activity, performance, learning from reviews and risks, with decisions recorded.',
          'Annual safeguarding report; board agenda and minutes; risk register',
        ),
        graded(
          'leadership-resources',
          'Safeguarding has the people, time and money it needs, and leaders review this when demand changes.',
          'Named posts are filled, capacity is reviewed, and gaps are escalated on the risk register.',
          'Budget papers; workforce plan; risk register entries',
        ),
        graded(
          'leadership-partnership',
          'Senior leaders take part in the local safeguarding children partnership and carry its priorities back into the organisation.',
          'Attendance at partnership meetings and sub-groups, and evidence that partnership priorities shape internal plans.',
          'Partnership attendance records; internal briefings; business plan references',
        ),
        graded(
          'leadership-culture',
          'Leaders promote an open culture in which staff feel able to raise concerns about children and about colleagues.',
          'Staff surveys, speak-up arrangements and visible leadership messages show that concerns are welcomed and acted on.',
          'Staff survey results; speak-up guardian reports; leadership communications',
        ),
      ],
    },
    {
      key: 'accountability',
      title: 'Clear lines of accountability',
      description:
        'Whether everyone knows who is responsible for safeguarding at each level, and how the organisation checks that arrangements work.',
      guidance:
        'Describe the chain from the front line to the board. Show how you check that arrangements work in practice, for example through audits and performance measures.',
      questions: [
        graded(
          'accountability-structure',
          'There is a clear line of accountability for safeguarding, from the front line to the board, that staff understand.',
          'A structure chart or governance document names the roles responsible, and staff can say who they go to.',
          'Governance structure chart; safeguarding policy; staff induction materials',
        ),
        yesNo(
          'accountability-designated-lead',
          'Does the organisation have a designated safeguarding lead or named professionals for children, with time set aside for the role?',
          'Name the post holders and say how much of their time is protected for the role.',
          'Job descriptions; organisation chart; time allocation',
        ),
        graded(
          'accountability-job-descriptions',
          'Safeguarding responsibilities are written into job descriptions and appraisals for all staff who work with children or their families.',
          'Check a sample of job descriptions and appraisal templates across different teams.',
          'Sample job descriptions; appraisal template',
        ),
        graded(
          'accountability-audit',
          'The organisation audits its safeguarding practice and uses what it finds to improve.',
          'A rolling audit programme, including case file audits, with findings reported and actions followed up.',
          'Audit programme; audit reports; resulting action plans',
        ),
        graded(
          'accountability-performance',
          'Safeguarding performance measures are collected, reported and understood by managers.',
          'For example training compliance, referral quality, timeliness of checks, and outcomes from audits.',
          'Performance dashboard; quality assurance framework',
        ),
      ],
    },
    {
      key: 'voice-of-the-child',
      title: 'Listening to children',
      description:
        'Whether the organisation hears from children, takes account of their wishes and feelings, and lets that shape individual work.',
      guidance:
        'Think about individual work with children and about how children’s views reach managers. Include children who find it harder to be heard, such as disabled children and very young children.',
      questions: [
        graded(
          'voice-practice',
          'Staff seek the wishes and feelings of children they work with and record them in the child’s own words where possible.',
          'Case records show the child’s views and how they influenced decisions.',
          'Case file audit findings; recording guidance',
        ),
        graded(
          'voice-communication',
          'Staff can communicate with children whatever their age, language or disability, using interpreters or other support when needed.',
          'Access to interpreters, communication aids and specialist support is available and used.',
          'Interpreter use data; communication guidance; training records',
        ),
        graded(
          'voice-complaints',
          'Children and their families know how to complain or raise a concern, and the process is accessible to children.',
          'Child-friendly information is available and complaints from children are logged and answered.',
          'Complaints policy; child-friendly leaflets or web pages; complaints log',
        ),
        yesNo(
          'voice-advocacy',
          'Can children get support from an advocate or a trusted adult when decisions are made about them?',
          'Describe how children are told about advocacy and how they are referred.',
          'Advocacy service information; referral records',
        ),
        graded(
          'voice-feedback-to-leaders',
          'What children say about the service is reported to managers and leaders.',
          'Feedback from children reaches management meetings or the board, and it is discussed.',
          'Feedback reports; board or management minutes',
        ),
      ],
    },
    {
      key: 'policies-procedures',
      title: 'Safeguarding policies and procedures',
      description:
        'Whether the organisation has up-to-date safeguarding policies that match the partnership’s procedures, including whistleblowing and resolving professional differences.',
      guidance:
        'Policies should be current, easy to find, and consistent with the local partnership’s multi-agency procedures. Say when each was last reviewed.',
      questions: [
        graded(
          'policies-safeguarding-policy',
          'The organisation has a safeguarding children policy, reviewed in the last two years, that matches the partnership’s procedures.',
          'Give the date of the last review and who approved it.',
          'Safeguarding policy with review date; approval minutes',
        ),
        graded(
          'policies-referrals',
          'Staff know how to make a referral to children’s social care or the police when they are worried about a child, including out of hours.',
          'Contact details are easy to find, and referrals are timely and of good quality.',
          'Referral guidance; intranet page; feedback from the front door',
        ),
        yesNo(
          'policies-whistleblowing',
          'Does the organisation have a whistleblowing policy that covers concerns about how children are treated?',
          'Staff should know how to use it, including how to go outside the organisation if needed.',
          'Whistleblowing policy; staff briefing',
        ),
        graded(
          'policies-escalation',
          'Staff know how to escalate a concern when they disagree with another agency’s decision about a child, and use the partnership’s escalation process.',
          'The partnership’s process for resolving professional differences is referenced in your policy and used in practice.',
          'Escalation policy; log of escalations; examples',
        ),
        graded(
          'policies-consent-and-thresholds',
          'Staff understand the local threshold guidance and when to seek, or not seek, consent before sharing a concern.',
          'Staff can apply the threshold document and know when seeking consent could put a child at greater risk.',
          'Threshold document; training materials; case examples',
        ),
        graded(
          'policies-specific-risks',
          'Policies and guidance cover specific risks to children, such as exploitation, domestic abuse, online harm, children missing, female genital mutilation and radicalisation.',
          'Guidance is available for the risks most relevant to your service, with links to partnership procedures.',
          'Guidance documents; intranet pages; training records',
        ),
      ],
    },
    {
      key: 'safer-recruitment',
      title: 'Safer recruitment and managing allegations',
      description:
        'Whether the organisation recruits safely, keeps working practice safe, and deals properly with allegations against people who work with children.',
      guidance:
        'Cover employees, volunteers, students and agency or contracted staff. Say how you check that procedures are followed, not only that they exist.',
      questions: [
        graded(
          'recruitment-policy',
          'The organisation follows a safer recruitment policy for all roles that involve contact with children, including volunteers.',
          'Interview panels include someone trained in safer recruitment, and references and gaps in employment are checked.',
          'Safer recruitment policy; training records for panel members; recruitment audit',
        ),
        graded(
          'recruitment-checks',
          'Disclosure and Barring Service checks at the right level are completed before people start, and renewed in line with policy.',
          'Say how you track checks, including for agency staff and contractors.',
          'DBS tracker; single central record; audit results',
        ),
        yesNo(
          'recruitment-allegations-lead',
          'Is there a named senior manager who deals with allegations against staff and volunteers and liaises with the local authority designated officer?',
          'Name the post and describe how staff know to contact them.',
          'Allegations procedure; contact details for the designated officer',
        ),
        graded(
          'recruitment-allegations-practice',
          'Allegations against people who work with children are referred to the local authority designated officer within one working day and recorded.',
          'Records show referrals are made promptly and outcomes followed through.',
          'Allegations log; referral records',
        ),
        graded(
          'recruitment-safe-working',
          'Staff know the organisation’s expectations of safe working practice, including boundaries, use of social media and lone working.',
          'A code of conduct or safe working guidance is part of induction and refreshed.',
          'Code of conduct; induction checklist; social media policy',
        ),
        graded(
          'recruitment-dbs-referrals',
          'The organisation refers people to the Disclosure and Barring Service when the law requires it.',
          'Managers know when a referral is required, and the organisation has made any referrals that were needed.',
          'Procedure; record of referrals made',
        ),
      ],
    },
    {
      key: 'training',
      title: 'Safeguarding training',
      description:
        'Whether everyone who works with children or their families is trained to the right level and kept up to date.',
      guidance:
        'Describe your training levels and who must complete each. Include how you check training makes a difference to practice.',
      questions: [
        graded(
          'training-needs-analysis',
          'There is a training needs analysis that sets the level of safeguarding training each role needs.',
          'It should cover all staff groups, including volunteers and contracted staff.',
          'Training needs analysis; training strategy',
        ),
        graded(
          'training-induction',
          'All new staff and volunteers receive safeguarding training as part of their induction.',
          'Say how soon after starting this happens and how completion is checked.',
          'Induction programme; completion records',
        ),
        graded(
          'training-compliance',
          'At least 90 per cent of staff are up to date with the safeguarding training their role requires.',
          'Give current figures by staff group and say what you do about people who are overdue.',
          'Training compliance report',
        ),
        yesNo(
          'training-multi-agency',
          'Do staff attend the partnership’s multi-agency safeguarding training where their role needs it?',
          'Give numbers attending over the past year and which courses.',
          'Partnership training attendance data',
        ),
        graded(
          'training-impact',
          'The organisation checks that training changes practice, for example through evaluations, audits or observation.',
          'Show how you know learning is used, not only that courses were attended.',
          'Evaluation summaries; audit findings linked to training',
        ),
      ],
    },
    {
      key: 'supervision-support',
      title: 'Supervision and support',
      description:
        'Whether staff who work with children have regular supervision and support, including for the emotional demands of safeguarding work.',
      guidance:
        'Supervision should give staff time to reflect on their work with children, challenge drift, and look after their own wellbeing.',
      questions: [
        graded(
          'supervision-policy',
          'There is a supervision policy that sets how often staff working with children are supervised and what supervision covers.',
          'The policy should include safeguarding discussion and how supervision is recorded.',
          'Supervision policy; recording template',
        ),
        graded(
          'supervision-practice',
          'Supervision happens as often as the policy says, and safeguarding concerns are discussed and recorded.',
          'An audit of supervision records shows frequency and quality.',
          'Supervision audit; sample records',
        ),
        yesNo(
          'supervision-specialist-advice',
          'Can staff get advice from a safeguarding lead or named professional when they are worried about a child?',
          'Describe how staff contact them, including in urgent situations.',
          'Advice line details; consultation records',
        ),
        graded(
          'supervision-wellbeing',
          'Staff are supported after distressing cases, such as the death or serious harm of a child.',
          'Debriefs, counselling or employee assistance are offered and used.',
          'Wellbeing offer; debrief records; employee assistance information',
        ),
        graded(
          'supervision-managers',
          'Managers who supervise safeguarding work have been trained to do so.',
          'Supervisor training is recorded and refreshed.',
          'Supervisor training records',
        ),
      ],
    },
    {
      key: 'information-sharing',
      title: 'Information sharing and record keeping',
      description:
        'Whether staff share information about children safely and on time, and keep records that others can rely on.',
      guidance:
        'Fear of breaking data protection rules must not stop information being shared to keep a child safe. Show how staff are supported to share with confidence.',
      questions: [
        graded(
          'information-confidence',
          'Staff understand that data protection law allows information to be shared to keep a child safe, and share with confidence.',
          'Guidance and training cover lawful sharing, and staff can explain when they would share without consent.',
          'Information sharing guidance; training materials; case examples',
        ),
        yesNo(
          'information-agreements',
          'Has the organisation signed the partnership’s information sharing agreement, where one exists?',
          'Name the agreement and the date it was signed.',
          'Signed agreement',
        ),
        graded(
          'information-records',
          'Records about children are accurate, up to date, and show the reasons for decisions.',
          'Case file audits check the quality of recording, including chronologies where relevant.',
          'Recording policy; case file audit results',
        ),
        graded(
          'information-meetings',
          'The organisation shares information and contributes reports to child protection conferences, strategy discussions and reviews when asked.',
          'Attendance and reports are timely and of good quality.',
          'Attendance data; feedback from conference chairs',
        ),
        graded(
          'information-systems',
          'Case recording systems flag children with safeguarding concerns so that staff are alerted.',
          'For example, flags for children subject to a child protection plan or looked after.',
          'System screenshots or specification; flagging procedure',
        ),
      ],
    },
    {
      key: 'inter-agency-working',
      title: 'Working with other agencies',
      description:
        'Whether the organisation works well with partners to protect children, including early help, and learns from reviews.',
      guidance:
        'Think about day-to-day joint working and about the partnership’s learning: rapid reviews, local child safeguarding practice reviews and national reviews.',
      questions: [
        graded(
          'inter-agency-early-help',
          'Staff identify children and families who need early help and work with other agencies to provide it.',
          'Staff know the local early help offer and how to start an early help assessment.',
          'Early help assessments started; guidance; training records',
        ),
        graded(
          'inter-agency-plans',
          'Staff play their part in child in need and child protection plans, and carry out the actions given to them.',
          'Core group attendance and completed actions show active involvement.',
          'Core group attendance; plan actions',
        ),
        graded(
          'inter-agency-reviews',
          'The organisation takes part in rapid reviews and child safeguarding practice reviews, and acts on their findings.',
          'Recommendations are turned into actions, tracked and reported.',
          'Review action plans; board reports',
        ),
        graded(
          'inter-agency-learning',
          'Learning from local and national reviews is shared with staff and changes practice.',
          'Briefings, seven-minute guides or team discussions, with checks that learning is used.',
          'Learning briefings; team meeting notes; audit findings',
        ),
        yesNo(
          'inter-agency-partnership-audits',
          'Has the organisation taken part in the partnership’s multi-agency audits in the past year?',
          'Name the audits and what you changed as a result.',
          'Audit participation records; resulting actions',
        ),
      ],
    },
    {
      key: 'service-development',
      title: 'Services shaped by children and families',
      description:
        'Whether children and families help to design, review and improve the organisation’s services.',
      guidance: 'Give examples of what children and families said and what changed as a result.',
      questions: [
        graded(
          'service-involvement',
          'Children and families are involved in designing and reviewing services, and their involvement is recorded.',
          'Consultations, youth forums, co-production groups or surveys, with outcomes.',
          'Consultation reports; participation strategy; forum minutes',
        ),
        graded(
          'service-changes',
          'The organisation can show changes it has made because of what children and families said.',
          'Give at least one recent example of “you said, we did”.',
          '“You said, we did” reports; service change papers',
        ),
        graded(
          'service-equality',
          'The organisation understands which groups of children it serves and works to remove barriers for those less likely to be heard.',
          'Data on who uses services is analysed, and action is taken where groups are under-represented.',
          'Equality impact assessments; service user data analysis',
        ),
        graded(
          'service-information',
          'Information for children and families about the service and about safeguarding is clear and accessible.',
          'Information is available in easy read, in other languages and in formats suitable for children.',
          'Leaflets; website pages; translated materials',
        ),
        yesNo(
          'service-premises',
          'Are the places where children are seen safe and welcoming for them?',
          'Consider waiting areas, supervision of children on site, and access to toilets and private rooms.',
          'Premises checks; risk assessments',
        ),
      ],
    },
    {
      key: 'commissioning',
      title: 'Commissioning and contracts',
      description:
        'Whether services the organisation commissions or contracts for children are required to safeguard them, and checked.',
      guidance:
        'Answer N/A with a reason if the organisation commissions no services that involve contact with children.',
      questions: [
        graded(
          'commissioning-contracts',
          'Contracts for services that involve contact with children include clear safeguarding requirements.',
          'Standard contract clauses cover policies, training, safer recruitment, allegations and reporting.',
          'Contract template; safeguarding clauses',
        ),
        graded(
          'commissioning-monitoring',
          'The organisation checks that commissioned providers meet their safeguarding obligations.',
          'Monitoring visits, self-assessments or audits, with follow-up when standards are not met.',
          'Contract monitoring reports; provider self-assessments',
        ),
        yesNo(
          'commissioning-section-11',
          'Are commissioned providers asked to complete a Section 11 self-assessment, or an equivalent, as part of contract monitoring?',
          'Say how often and what happens with the results.',
          'Provider self-assessments; monitoring schedule',
        ),
        graded(
          'commissioning-incidents',
          'Commissioned providers must tell the organisation about safeguarding incidents and allegations, and they do.',
          'Notification requirements are in contracts and notifications are logged.',
          'Contract clause; incident notification log',
        ),
        graded(
          'commissioning-procurement',
          'Safeguarding is assessed when choosing providers, with people who understand safeguarding on procurement panels.',
          'Tender questions and evaluation criteria include safeguarding.',
          'Tender documents; evaluation scoring',
        ),
      ],
    },
  ],
};
