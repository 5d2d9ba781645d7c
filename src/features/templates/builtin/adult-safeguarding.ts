/**
 * The built-in adult safeguarding self-assessment, in our own words. Its themes follow the duties of
 * the Care Act 2014 and its six safeguarding principles (empowerment, prevention, proportionality,
 * protection, partnership and accountability), and the aim of Making Safeguarding Personal.
 */
import type { TemplateDefinition } from '../template-definition.ts';
import { graded, yesNo } from './questions.ts';

export const adultSafeguardingTemplate: TemplateDefinition = {
  key: 'adult-safeguarding',
  name: 'Adult safeguarding self-assessment',
  description:
    'A self-assessment for organisations working with adults of how they meet their part in safeguarding adults with care and support needs under the Care Act 2014, for the local safeguarding adults board.',
  gradeDescriptors: {
    red: 'Not in place, or gaps that leave adults at risk of abuse or neglect. Urgent action is needed.',
    amber: 'Partly in place. Arrangements exist but are not yet consistent or not yet shown to work.',
    green: 'Fully in place, working consistently for adults at risk, and backed by evidence.',
  },
  themes: [
    {
      key: 'leadership-accountability',
      title: 'Leadership and accountability',
      description:
        'Whether leaders take responsibility for adult safeguarding and there is a named senior lead who answers for it.',
      guidance:
        'Think about the board or governing body as well as the executive. Show how leaders know what is happening for adults at risk, and how they are held to account for it.',
      questions: [
        yesNo(
          'lead-named-executive',
          'Is there a named executive lead for adult safeguarding, with the authority to change how the organisation works?',
          'Give the name and post, and describe how they report to the board.',
          'Role description; board terms of reference',
        ),
        graded(
          'lead-board-reports',
          'The board receives regular reports on adult safeguarding activity, learning and risks, and acts on them.',
          'At least once a year, covering concerns raised, enquiries, outcomes for adults and learning from reviews.',
          'Annual report; board minutes; risk register',
        ),
        graded(
          'lead-accountability-principle',
          'Roles and responsibilities for safeguarding adults are clear at every level, so staff know who decides what.',
          'This is the accountability principle: show how it is written down and how staff learn it.',
          'Structure charts; policy sections on roles; staff survey',
        ),
        graded(
          'lead-resources',
          'Safeguarding adults has enough people, time and money, and leaders review this when demand changes.',
          'Describe specialist posts, vacancies and how capacity problems are escalated.',
          'Workforce plan; budget papers; risk register entries',
        ),
        graded(
          'lead-culture',
          'Leaders promote an open culture in which staff and the people they support feel able to raise concerns.',
          'Show how concerns, including about colleagues and services, are welcomed and acted on.',
          'Speak-up reports; staff survey results; leadership communications',
        ),
      ],
    },
    {
      key: 'policies-procedures',
      title: 'Policies and procedures',
      description:
        'Whether the organisation’s adult safeguarding policy and procedures are up to date, match the board’s multi-agency procedures and are used.',
      guidance:
        'A good answer shows how the policy covers every type of abuse and neglect the Care Act recognises, including self-neglect, domestic abuse, modern slavery and organisational abuse.',
      questions: [
        graded(
          'policy-current',
          'The adult safeguarding policy is reviewed at least every two years and matches the safeguarding adults board’s multi-agency procedures.',
          'Give the date of the last review and what changed.',
          'Adult safeguarding policy; review record',
        ),
        graded(
          'policy-types-of-abuse',
          'Policies and guidance help staff recognise all types of abuse and neglect, including self-neglect, financial abuse and exploitation.',
          'Show that the less obvious types are covered with examples relevant to your services.',
          'Policy; practice guidance; training content',
        ),
        graded(
          'policy-raising-concerns',
          'Staff know how to raise a safeguarding concern with the local authority, and what to do in an emergency.',
          'Describe the route, the information needed and how staff get advice when unsure.',
          'Procedure flowchart; concern records; staff briefing notes',
        ),
        yesNo(
          'policy-whistleblowing',
          'Does the organisation have a whistleblowing procedure that includes routes outside the organisation?',
          'Name the internal and external routes and how staff are told about them.',
          'Whistleblowing policy; induction materials',
        ),
        graded(
          'policy-records',
          'Safeguarding concerns and the actions taken are recorded clearly, securely and in a way that shows the adult’s views.',
          'Records should show what the adult wanted, what was decided, why, and who was told.',
          'Record audits; recording guidance',
        ),
      ],
    },
    {
      key: 'making-safeguarding-personal',
      title: 'Making Safeguarding Personal',
      description:
        'Whether safeguarding is done with adults rather than to them, focused on the outcomes they want.',
      guidance:
        'Show how adults (or their representatives) are asked what they want to happen, are involved throughout and are asked afterwards whether their outcomes were met. This covers the empowerment principle.',
      questions: [
        graded(
          'msp-outcomes-asked',
          'Adults are asked at the start what outcomes they want from safeguarding, and this is recorded in their own words.',
          'Give examples and say how often outcomes are recorded in practice.',
          'Case records; audit of desired outcomes',
        ),
        graded(
          'msp-involvement',
          'Adults are kept informed and involved in decisions throughout, in a way that suits their communication needs.',
          'Describe the use of accessible information, interpreters and support to take part in meetings.',
          'Case records; accessible materials; feedback',
        ),
        graded(
          'msp-advocacy',
          'Adults who have substantial difficulty being involved, and have nobody suitable to help, are offered an independent advocate.',
          'Explain how the need is identified and how quickly an advocate is arranged.',
          'Advocacy referrals; case examples',
        ),
        graded(
          'msp-outcomes-met',
          'Adults are asked afterwards whether their outcomes were met and whether they feel safer, and the answers are used to improve practice.',
          'Give the proportion of adults asked and what has changed because of what they said.',
          'Outcome data; feedback summaries; improvement actions',
        ),
        graded(
          'msp-proportionate',
          'Responses to concerns are proportionate to the risk and the least intrusive that will work.',
          'This is the proportionality principle: show how staff balance risk against the adult’s wishes.',
          'Case audits; supervision notes; risk assessments',
        ),
      ],
    },
    {
      key: 'mental-capacity',
      title: 'Mental capacity and consent',
      description:
        'Whether staff respect adults’ right to make their own decisions and apply the Mental Capacity Act 2005 properly when they may lack capacity.',
      guidance:
        'Cover capacity assessments for specific decisions, best interests decisions, unwise decisions, sharing information without consent, and the arrangements for depriving a person of liberty lawfully.',
      questions: [
        graded(
          'capacity-presumption',
          'Staff start from the presumption that an adult can make their own decisions, and support them to do so.',
          'Describe the practical support offered before anyone concludes an adult lacks capacity.',
          'Training content; case records',
        ),
        graded(
          'capacity-assessments',
          'When capacity is in doubt, decision-specific capacity assessments are carried out and recorded.',
          'Show recent audits of the quality of capacity assessments and what they found.',
          'Capacity assessment audits; recording templates',
        ),
        graded(
          'capacity-best-interests',
          'Best interests decisions involve the adult, their family and others who know them, and are recorded with reasons.',
          'Say how the adult’s past and present wishes and feelings are found and weighed.',
          'Best interests records; case examples',
        ),
        graded(
          'capacity-information-sharing',
          'Staff know when and how to share information without consent to protect an adult or others, and record the reason.',
          'Describe the guidance given and how decisions are checked by managers.',
          'Information-sharing guidance; records of decisions',
        ),
        yesNo(
          'capacity-liberty',
          'Does the organisation have arrangements to identify and apply for authorisation when an adult’s care amounts to a deprivation of liberty?',
          'Give the number of applications in the last year and how conditions are tracked.',
          'Application log; policy; monitoring reports',
        ),
      ],
    },
    {
      key: 'prevention',
      title: 'Prevention and early intervention',
      description: 'Whether the organisation acts to stop abuse and neglect happening, and spots risk early.',
      guidance:
        'This is the prevention principle. Think about information for the public, safe services, quality monitoring, and help for people at risk of self-neglect, scams or exploitation.',
      questions: [
        graded(
          'prevention-information',
          'Adults, families and the public are given clear information on what abuse and neglect are and how to report them.',
          'Describe leaflets, web pages and how information reaches people who do not use the internet or speak English.',
          'Public information; accessible formats; distribution',
        ),
        graded(
          'prevention-quality',
          'Quality monitoring of services, including commissioned ones, looks for early signs of poor care and organisational abuse.',
          'Explain which indicators are watched and how concerns are escalated.',
          'Quality dashboards; provider visit reports; escalation records',
        ),
        graded(
          'prevention-self-neglect',
          'Staff know how to work with adults who self-neglect or hoard, using the board’s procedures.',
          'Show how cases are managed over time and when multi-agency meetings are called.',
          'Self-neglect cases; multi-agency meeting notes',
        ),
        graded(
          'prevention-exploitation',
          'Staff recognise and respond to financial abuse, scams, modern slavery and criminal exploitation of adults.',
          'Describe training, joint work with trading standards, police and banks, and referrals made.',
          'Training records; referrals; joint protocols',
        ),
        graded(
          'prevention-domestic-abuse',
          'Domestic abuse affecting adults with care and support needs is identified, risk assessed and referred to specialist services.',
          'Include the use of risk assessment tools and referrals to multi-agency risk assessment conferences.',
          'Risk assessments; conference referrals; training',
        ),
      ],
    },
    {
      key: 'workforce',
      title: 'Safer workforce and training',
      description:
        'Whether staff and volunteers are recruited safely, trained for their role, supervised, and whether concerns about them are handled properly.',
      guidance:
        'Cover safer recruitment checks, training levels by role, supervision, and managing allegations against people in positions of trust.',
      questions: [
        graded(
          'workforce-recruitment',
          'Staff and volunteers are recruited safely, with criminal record and barred list checks where their role allows it.',
          'Describe the checks, how gaps in employment are explored and how agency staff are checked.',
          'Recruitment procedure; audit of files',
        ),
        graded(
          'workforce-training-levels',
          'Every member of staff has adult safeguarding training at the level their role needs, and it is refreshed regularly.',
          'Give compliance figures by level and what is done about staff who are overdue.',
          'Training matrix; compliance reports',
        ),
        graded(
          'workforce-supervision',
          'Staff who work with adults at risk have regular supervision in which safeguarding cases are discussed.',
          'Say how often supervision happens and how its quality is checked.',
          'Supervision policy; supervision audits',
        ),
        graded(
          'workforce-position-of-trust',
          'Concerns about people in positions of trust are managed through a clear procedure, in line with the board’s arrangements.',
          'Name the lead for such concerns and describe how cases are reported and reviewed.',
          'Position of trust procedure; case log',
        ),
        yesNo(
          'workforce-dbs-referral',
          'Does the organisation refer to the Disclosure and Barring Service whenever it is required to?',
          'Explain the criteria and how many referrals were made in the last period.',
          'Referral records; procedure',
        ),
      ],
    },
    {
      key: 'partnership-working',
      title: 'Partnership working and information sharing',
      description:
        'Whether the organisation works with the safeguarding adults board and other agencies to protect adults.',
      guidance:
        'This is the partnership principle. Show attendance, contributions to enquiries and reviews, timely information sharing and how disagreements are resolved.',
      questions: [
        graded(
          'partners-board',
          'The organisation is represented at the safeguarding adults board and its sub-groups by people able to make decisions.',
          'Give attendance figures and examples of contributions.',
          'Board attendance; sub-group minutes',
        ),
        graded(
          'partners-enquiries',
          'The organisation takes part in safeguarding enquiries when the local authority asks, and completes its actions on time.',
          'Describe how requests are handled and how completion is tracked.',
          'Enquiry records; action tracker',
        ),
        graded(
          'partners-information-sharing',
          'Information is shared with partners promptly and lawfully when an adult is at risk.',
          'Describe information-sharing agreements and how staff know what they may share.',
          'Information-sharing agreements; guidance; audit',
        ),
        graded(
          'partners-escalation',
          'Staff know how to escalate when they disagree with another agency’s decision about an adult’s safety.',
          'Describe the board’s escalation procedure and examples of its use.',
          'Escalation log; procedure',
        ),
        graded(
          'partners-transitions',
          'Young people moving from children’s to adult services are planned for early, so that safeguarding does not lapse.',
          'Describe joint planning and how risks such as exploitation are handed over.',
          'Transition protocol; case examples',
        ),
      ],
    },
    {
      key: 'learning-improvement',
      title: 'Learning and improvement',
      description:
        'Whether the organisation learns from safeguarding adults reviews, audits, complaints and the experience of the people it supports.',
      guidance:
        'Show how recommendations become changes in practice, and how you check that the change has made a difference.',
      questions: [
        graded(
          'learning-reviews',
          'The organisation contributes fully to safeguarding adults reviews and carries out the actions that apply to it.',
          'List recent reviews, your contributions and the status of your actions.',
          'Review reports; action plans',
        ),
        graded(
          'learning-dissemination',
          'Learning from reviews, here and elsewhere, reaches front-line staff and changes what they do.',
          'Describe briefings, practice notes and how you check the learning has been taken up.',
          'Learning briefings; audit follow-up',
        ),
        graded(
          'learning-audit',
          'Safeguarding practice is audited regularly, including case files, and the findings lead to improvement.',
          'Give recent audit topics, findings and what changed.',
          'Audit programme; reports; improvement plans',
        ),
        graded(
          'learning-feedback',
          'Complaints and feedback from adults and families are used to improve safeguarding.',
          'Give examples of changes made because of feedback.',
          'Complaints analysis; feedback reports',
        ),
        graded(
          'learning-protection',
          'Adults in greatest need receive support and protection that has made them safer, and the organisation can show this.',
          'This is the protection principle: describe what the evidence of adults’ safety looks like.',
          'Outcome measures; case examples; performance data',
        ),
      ],
    },
  ],
};
