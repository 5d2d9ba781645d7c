/**
 * The built-in safeguarding self-assessment for schools and colleges, in our own words. Its themes
 * follow the duties that sections 175 and 157 of the Education Act 2002 place on governing bodies,
 * proprietors and local authorities to safeguard and promote the welfare of pupils and students.
 */
import type { TemplateDefinition } from '../template-definition.ts';
import { graded, yesNo } from './questions.ts';

export const schoolsCollegesTemplate: TemplateDefinition = {
  key: 'schools-colleges-safeguarding',
  name: 'Safeguarding self-assessment (schools and colleges)',
  description:
    'A self-assessment for schools, academies, independent schools and further education colleges of how they meet their duties under sections 175 and 157 of the Education Act 2002 to safeguard and promote the welfare of children and young people.',
  gradeDescriptors: {
    red: 'Not in place, or gaps serious enough to leave pupils unsafe. The governing body must act now.',
    amber: 'Partly in place. The basics exist but are not yet consistent across the school or college.',
    green: 'Fully in place, understood by staff and governors, and backed by evidence you can show.',
  },
  themes: [
    {
      key: 'designated-safeguarding-lead',
      title: 'The designated safeguarding lead',
      description:
        'Whether the school or college has a senior, trained designated safeguarding lead with the time, authority and support to do the job.',
      guidance:
        'Think about cover for absences, holidays and out-of-hours activities as well as the day-to-day role. Say how staff, pupils and parents know who the lead and deputies are.',
      questions: [
        yesNo(
          'dsl-appointed',
          'Has a member of the senior leadership team been appointed as designated safeguarding lead, with the role written into their job description?',
          'Give the name and post. The lead should be senior enough to make decisions, allocate staff time and challenge other agencies.',
          'Job description; appointment letter; governing body minutes',
        ),
        yesNo(
          'dsl-deputies',
          'Are there trained deputies so that a designated lead is always available during school or college hours and activities?',
          'Explain the rota and what happens on trips, at residential events and outside normal hours.',
          'Deputy job descriptions; availability rota; out-of-hours arrangements',
        ),
        graded(
          'dsl-time-resources',
          'The designated safeguarding lead has protected time, resources and administrative support for the role.',
          'Describe how much time is set aside, how it was decided and when it was last reviewed against case numbers.',
          'Timetable or workload allocation; budget lines; review notes',
        ),
        graded(
          'dsl-visibility',
          'Staff, pupils and parents know who the designated leads are and how to reach them.',
          'Posters, the website, induction materials and pupil-friendly information should all name the leads and give contact routes.',
          'Website page; posters; staff handbook; pupil surveys',
        ),
        graded(
          'dsl-records',
          'Safeguarding concerns are recorded promptly, securely and in enough detail to show what was decided and why.',
          'Records should be chronological, kept separately from the general pupil file and show actions, outcomes and who was told.',
          'Recording system; sample audit of records; record-keeping policy',
        ),
        graded(
          'dsl-transfer',
          'Child protection files are passed on securely and quickly when a pupil moves to another school or college.',
          'Say how files are transferred, how receipt is confirmed and how the lead shares information before a vulnerable pupil starts.',
          'Transfer log; receipts; transfer procedure',
        ),
      ],
    },
    {
      key: 'policies-procedures',
      title: 'Policies and procedures',
      description:
        'Whether the school or college has an up-to-date child protection policy and the related procedures, and whether staff follow them.',
      guidance:
        'A good answer shows the policy reflects local partnership arrangements and current statutory guidance, is reviewed at least every year, and is used in practice rather than just filed.',
      questions: [
        graded(
          'policy-child-protection',
          'The child protection policy is reviewed every year, approved by the governing body and published on the website.',
          'Give the date of the last review and what changed. It should follow local partnership procedures and thresholds.',
          'Child protection policy; approval minutes; website link',
        ),
        graded(
          'policy-behaviour',
          'The behaviour policy, including how the school or college responds to bullying and child-on-child abuse, is consistent with the child protection policy.',
          'Look for clear links: what staff do when behaviour may be a sign of harm, and how harmful sexual behaviour is handled.',
          'Behaviour policy; anti-bullying policy; incident logs',
        ),
        graded(
          'policy-staff-conduct',
          'There is a staff code of conduct covering relationships with pupils, use of technology and acceptable behaviour, and staff confirm they have read it.',
          'The code should include guidance on physical contact, one-to-one working, social media and giving lifts.',
          'Code of conduct; signed acknowledgements; induction checklist',
        ),
        graded(
          'policy-whistleblowing',
          'Staff know how to raise concerns about safeguarding practice in the school or college, including through routes outside it.',
          'Name the internal and external routes and show that staff have been told about them.',
          'Whistleblowing policy; staff briefing records; survey results',
        ),
        yesNo(
          'policy-local-procedures',
          'Do your procedures match the local safeguarding partnership’s thresholds and referral routes?',
          'Say when you last checked them against the partnership’s published procedures.',
          'Cross-reference to partnership documents; referral flowchart',
        ),
        graded(
          'policy-contextual',
          'Procedures recognise risks to pupils outside the home and school, such as exploitation and serious violence.',
          'Describe how the school or college identifies and shares concerns about risks in the community and online.',
          'Policy sections; training content; referrals to exploitation panels',
        ),
      ],
    },
    {
      key: 'safer-recruitment',
      title: 'Safer recruitment and the single central record',
      description:
        'Whether staff and volunteers are recruited and checked safely, and the single central record is complete and accurate.',
      guidance:
        'Think about agency and supply staff, contractors, volunteers and governors as well as employed staff. A strong answer shows regular checks of the single central record by someone other than the person who keeps it.',
      questions: [
        yesNo(
          'recruitment-trained-panel',
          'Does every recruitment panel include at least one person who has completed safer recruitment training?',
          'Give the number of trained staff and governors and when they were last trained.',
          'Training certificates; panel records',
        ),
        graded(
          'recruitment-checks',
          'Identity, right to work, references, qualifications and criminal record and barred list checks are completed before staff start.',
          'Say how gaps in employment history are explored and what happens when a check is not back in time.',
          'Recruitment files; checklist; risk assessments for late checks',
        ),
        graded(
          'recruitment-scr',
          'The single central record is complete, accurate and up to date for every member of staff, volunteer, governor and contractor who needs to be on it.',
          'Describe who keeps it, who audits it and how often, and what the last audit found.',
          'Single central record; audit reports; governor monitoring notes',
        ),
        graded(
          'recruitment-agency-staff',
          'Written confirmation of checks is obtained for agency and supply staff before they work with pupils, and their identity is checked on arrival.',
          'Explain the procedure at reception and where confirmations are kept.',
          'Agency confirmation letters; visitor procedures',
        ),
        graded(
          'recruitment-online-checks',
          'Online searches are carried out on shortlisted candidates and any concerns are explored at interview.',
          'Say what is searched, who does it and how the candidate is told.',
          'Recruitment procedure; interview notes',
        ),
        graded(
          'recruitment-visitors',
          'Visitors and contractors are managed so that unchecked adults are never left unsupervised with pupils.',
          'Describe signing in, badges, escorts and how staff challenge unknown adults.',
          'Visitor policy; signing-in records; contractor agreements',
        ),
      ],
    },
    {
      key: 'training-awareness',
      title: 'Training and staff awareness',
      description:
        'Whether every adult in the school or college has the safeguarding training their role needs, and whether it makes a difference in practice.',
      guidance:
        'Cover induction, annual updates, role-specific training for the designated leads and governors, and how you check staff understanding rather than attendance alone.',
      questions: [
        graded(
          'training-induction',
          'All new staff, volunteers and governors receive safeguarding induction, including the child protection policy, code of conduct and who the designated leads are.',
          'Induction should happen before or on the first day in post, including for temporary staff.',
          'Induction checklist; signed records; induction pack',
        ),
        graded(
          'training-updates',
          'All staff have safeguarding training at least every year, with regular briefings in between.',
          'Say what the last training covered and how staff who missed it caught up.',
          'Training log; briefing notes; attendance records',
        ),
        graded(
          'training-dsl',
          'The designated leads have refreshed their training at least every two years and keep their knowledge up to date in between.',
          'Include partnership training, network meetings and reading of local learning reviews.',
          'Certificates; network attendance; continuing development records',
        ),
        graded(
          'training-understanding',
          'Staff can say what to do if they are worried about a pupil, including when the concern is about another adult.',
          'Show how you test understanding: quizzes, scenario exercises, conversations during learning walks.',
          'Staff quiz results; learning walk notes; supervision records',
        ),
        graded(
          'training-governors',
          'Governors and trustees have safeguarding training that equips them to challenge and hold leaders to account.',
          'Describe the training given to the governing body and to the named safeguarding governor.',
          'Governor training records; minutes showing challenge',
        ),
      ],
    },
    {
      key: 'online-safety',
      title: 'Online safety',
      description:
        'Whether pupils are protected from harmful content and contact online, and taught to keep themselves safe.',
      guidance:
        'Think about filtering and monitoring, the curriculum, staff use of technology, mobile phones and remote learning, and how parents are involved.',
      questions: [
        graded(
          'online-filtering',
          'Appropriate filtering and monitoring are in place on school or college devices and networks, and are reviewed at least every year.',
          'Say who is responsible, how alerts are handled and when the arrangements were last tested.',
          'Filtering and monitoring review; alert logs; provider reports',
        ),
        yesNo(
          'online-lead',
          'Is there a named senior leader responsible for filtering and monitoring, working with the designated safeguarding lead?',
          'Give the name and explain how responsibilities are split with the designated lead and the IT provider.',
          'Role descriptions; governing body minutes',
        ),
        graded(
          'online-curriculum',
          'Pupils are taught about staying safe online in a way that suits their age and needs, including about sharing images and online relationships.',
          'Describe where this sits in the curriculum and how it is adapted for pupils with special educational needs.',
          'Curriculum maps; lesson plans; pupil voice',
        ),
        graded(
          'online-incidents',
          'Online safety incidents are recorded, responded to and used to improve teaching and systems.',
          'Include incidents involving image sharing, cyberbullying and contact from adults.',
          'Incident logs; actions taken; reports to governors',
        ),
        graded(
          'online-parents',
          'Parents and carers are given practical information about keeping children safe online.',
          'Describe workshops, newsletters or guidance and how you reach families who do not usually engage.',
          'Newsletters; workshop materials; attendance',
        ),
      ],
    },
    {
      key: 'early-help-referrals',
      title: 'Early help and referrals',
      description:
        'Whether pupils who need extra help get it early, and concerns are referred to the right agencies on time.',
      guidance:
        'Show how the school or college takes part in early help assessments and plans, makes referrals to children’s social care and the police, and follows them up.',
      questions: [
        graded(
          'help-identification',
          'Staff recognise pupils who may need early help, including young carers, children with special educational needs and those missing school often.',
          'Describe how concerns are pulled together so that a pattern of small worries is noticed.',
          'Training content; pastoral tracking; case examples',
        ),
        graded(
          'help-assessments',
          'The school or college leads or contributes to early help assessments and plans when a pupil needs them.',
          'Give the number of plans you lead or contribute to and how you know they make a difference.',
          'Early help records; team around the family minutes',
        ),
        graded(
          'help-referrals',
          'Referrals to children’s social care and the police are made promptly, with the information they need, and followed up.',
          'Say how you escalate when you disagree with a decision or do not hear back.',
          'Referral records; escalation log; feedback from children’s social care',
        ),
        graded(
          'help-multi-agency',
          'Staff attend and contribute to child protection conferences, core groups and other multi-agency meetings.',
          'Describe how reports are prepared, who attends and how actions are carried out in school.',
          'Meeting reports; attendance records',
        ),
        graded(
          'help-pupil-voice',
          'Pupils know how to raise worries and feel they will be listened to.',
          'Show how you hear from pupils, including those who find it hard to speak up.',
          'Pupil surveys; worry boxes; school council minutes',
        ),
      ],
    },
    {
      key: 'children-missing-education',
      title: 'Attendance and children missing education',
      description:
        'Whether the school or college notices and acts when pupils are absent, missing or leave the roll.',
      guidance:
        'Consider daily attendance follow-up, repeated and unexplained absence, children missing education, elective home education and part-time timetables.',
      questions: [
        graded(
          'missing-first-day',
          'Unexplained absence is followed up on the first day, with more than one contact for each pupil where possible.',
          'Say how you hold at least two emergency contacts and what you do when nobody answers.',
          'Attendance procedure; contact records',
        ),
        graded(
          'missing-patterns',
          'Patterns of absence are reviewed for safeguarding concerns and shared with the designated safeguarding lead.',
          'Include persistent absence, absence on particular days and pupils who go missing during the day.',
          'Attendance reports; pastoral meeting notes',
        ),
        yesNo(
          'missing-roll-removal',
          'Does the school or college tell the local authority whenever a pupil is removed from the roll, including to home education?',
          'Describe the checks you make before removing a pupil and how you tell the local authority.',
          'Notifications to the local authority; admissions and removals register',
        ),
        graded(
          'missing-part-time',
          'Part-time timetables and alternative provision are used only when necessary, reviewed regularly and their safeguarding arrangements checked.',
          'Give how many pupils are on reduced timetables or in alternative provision and how you check on them.',
          'Part-time timetable register; provider checks; review dates',
        ),
        graded(
          'missing-children-missing-education',
          'Staff know the signs that a child may be missing education, and concerns are shared with the local authority’s children missing education service.',
          'Describe the local route and give examples of its use.',
          'Referral records; local procedure',
        ),
      ],
    },
    {
      key: 'allegations',
      title: 'Allegations and concerns about adults',
      description:
        'Whether allegations and lower-level concerns about staff, volunteers and contractors are handled safely and fairly.',
      guidance:
        'Cover how concerns are reported, the role of the local authority designated officer, record keeping, and learning from cases.',
      questions: [
        graded(
          'allegations-procedure',
          'There is a clear procedure for allegations against staff, volunteers and contractors, including concerns about the head teacher or principal.',
          'Name who receives allegations and who deals with those about the head or principal.',
          'Allegations procedure; staff handbook',
        ),
        graded(
          'allegations-lado',
          'The local authority designated officer is consulted on every allegation that may meet the harm threshold, within one working day.',
          'Say how many consultations there were in the last year and how advice was followed.',
          'Consultation log; correspondence with the designated officer',
        ),
        graded(
          'allegations-low-level',
          'Lower-level concerns about adults are recorded, reviewed for patterns and acted on.',
          'Describe the policy, who keeps the records and how staff are encouraged to share such concerns, including about themselves.',
          'Low-level concerns policy; record sample; review notes',
        ),
        yesNo(
          'allegations-dbs-referral',
          'Does the school or college refer to the Disclosure and Barring Service whenever it is required to?',
          'Explain the criteria and give the number of referrals in the last period.',
          'Referral records; procedure',
        ),
        graded(
          'allegations-learning',
          'Each case is reviewed once concluded to find whether practice or procedures should change.',
          'Describe what was learned from recent cases and what was changed.',
          'Case reviews; action plans',
        ),
      ],
    },
    {
      key: 'governance',
      title: 'Governance and oversight',
      description:
        'Whether the governing body or proprietor meets its duties and holds leaders to account for safeguarding.',
      guidance:
        'A good answer shows governors challenge with evidence: they read reports, ask questions, visit and check that actions are completed.',
      questions: [
        yesNo(
          'governance-lead-governor',
          'Is there a named governor or trustee who leads on safeguarding?',
          'Give the name and describe how they monitor safeguarding, including visits.',
          'Governing body minutes; visit reports',
        ),
        graded(
          'governance-annual-report',
          'The governing body receives at least one full safeguarding report every year and acts on it.',
          'The report should cover referrals, training, recruitment checks, allegations, online safety and attendance.',
          'Annual safeguarding report; minutes recording decisions',
        ),
        graded(
          'governance-section-175-157',
          'The governing body or proprietor has checked that the school or college meets its duties under section 175 or 157 of the Education Act 2002 and this self-assessment reflects that check.',
          'Describe how governors took part in this self-assessment and how they will follow up its actions.',
          'Minutes approving the self-assessment; action plan',
        ),
        graded(
          'governance-partnership',
          'The school or college takes part in the local safeguarding partnership’s work, audits and learning.',
          'Include attendance at education safeguarding forums and responses to partnership audits and reviews.',
          'Forum attendance; partnership audit returns; briefings to staff',
        ),
        graded(
          'governance-lettings',
          'Where premises are hired out or used by other organisations, their safeguarding arrangements are checked and written into the agreement.',
          'Describe the checks made before letting and how they are monitored.',
          'Letting agreements; safeguarding checks on hirers',
        ),
      ],
    },
  ],
};
