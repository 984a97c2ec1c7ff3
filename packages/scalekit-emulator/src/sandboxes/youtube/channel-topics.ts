/**
 * What the seeded catalogue is made of: topics with the words real channels on them use, so that
 * searches like "python tutorial" or "sourdough" find plausible channels and videos.
 * Templates use `{first}` (a first name), `{subject}`, `{n}` (a small number) and `{year}`.
 */
export interface ChannelTopic {
  key: string;
  label: string;
  /** YouTube video category id (27 Education, 28 Science & Technology, 26 Howto & Style, ...). */
  categoryId: string;
  /** Wikipedia URLs, as `topicDetails.topicCategories` lists them. */
  topicCategories: string[];
  channelNames: string[];
  channelBlurbs: string[];
  keywords: string[];
  subjects: string[];
  titles: string[];
  tags: string[];
  /** Typical video length in seconds, [min, max]. */
  durations: [number, number];
}

const WIKI = 'https://en.wikipedia.org/wiki/';

export const FIRST_NAMES = [
  'Corey', 'Ana', 'Priya', 'Tim', 'Sofia', 'Kenji', 'Lena', 'Marco', 'Aisha', 'Daniel', 'Chloe', 'Ravi',
  'Emma', 'Lucas', 'Mei', 'Omar', 'Nina', 'Jonas', 'Fatima', 'Hugo', 'Zara', 'Ivan', 'Leila', 'Sam',
  'Tomás', 'Ingrid', 'Kwame', 'Yuki', 'Elif', 'Noah',
] as const;

export const COUNTRIES = ['US', 'US', 'US', 'GB', 'GB', 'IN', 'IN', 'CA', 'DE', 'AU', 'FR', 'ES', 'JP', 'BR', 'NL', 'SE', 'MX', 'IE'];

export const CHANNEL_TOPICS: readonly ChannelTopic[] = [
  {
    key: 'python',
    label: 'Python tutorials',
    categoryId: '27',
    topicCategories: [`${WIKI}Knowledge`, `${WIKI}Technology`],
    channelNames: ['{first} Codes Python', 'Python with {first}', 'The Python Lab', 'Pythonic Minutes', 'Learn Python with {first}', 'Snake Case Academy', 'PyBytes'],
    channelBlurbs: [
      'Python tutorials for beginners and working developers: clear explanations, real projects and no fluff.',
      'I make Python programming tutorials, from your first script to testing, packaging and web apps.',
      'Practical Python: short lessons on the language, the standard library and the tools around it.',
    ],
    keywords: ['python', 'python tutorial', 'programming', 'coding', 'learn python'],
    subjects: [
      'List Comprehensions', 'Decorators', 'Async and Await', 'Type Hints', 'Virtual Environments', 'f-Strings',
      'Dataclasses', 'Generators', 'Error Handling', 'the Requests Library', 'FastAPI', 'Django Models',
      'Unit Testing with pytest', 'Web Scraping with BeautifulSoup', 'Regular Expressions', 'Classes and OOP',
    ],
    titles: [
      'Python Tutorial for Beginners: {subject}', '{subject} in Python - Full Course', 'Learn {subject} in {n} Minutes',
      'Python {subject} Explained', 'Stop Making These {subject} Mistakes in Python', '{subject} - Python Tips #{n}',
    ],
    tags: ['python', 'python tutorial', 'python for beginners', 'programming', 'coding', 'learn python', 'python 3'],
    durations: [300, 3600],
  },
  {
    key: 'data-science',
    label: 'Data science',
    categoryId: '28',
    topicCategories: [`${WIKI}Knowledge`, `${WIKI}Technology`],
    channelNames: ['Data with {first}', '{first} Analyzes', 'The Data Desk', 'DataFrame Diaries', 'Stats Made Simple', 'Insight Lab'],
    channelBlurbs: [
      'Data science and analytics explained with Python, SQL and a lot of real datasets.',
      'Helping you become a data analyst: pandas, statistics, visualisation and portfolio projects.',
      'Hands-on data science tutorials and career advice from a working data scientist.',
    ],
    keywords: ['data science', 'data analysis', 'pandas', 'sql', 'statistics'],
    subjects: [
      'pandas DataFrames', 'Data Cleaning', 'Exploratory Data Analysis', 'SQL for Data Analysis', 'Matplotlib Charts',
      'A/B Testing', 'Feature Engineering', 'Jupyter Notebooks', 'Statistics for Data Science', 'Seaborn Visualizations',
      'Time Series Forecasting', 'Power BI Dashboards',
    ],
    titles: [
      '{subject} Tutorial (with Python)', 'Data Analyst Project: {subject}', '{subject} for Beginners',
      'Master {subject} in {n} Minutes', 'The Complete Guide to {subject}', '{subject} - Real World Example',
    ],
    tags: ['data science', 'data analysis', 'pandas', 'python', 'statistics', 'data analyst', 'sql'],
    durations: [420, 4200],
  },
  {
    key: 'machine-learning',
    label: 'Machine learning',
    categoryId: '28',
    topicCategories: [`${WIKI}Technology`, `${WIKI}Knowledge`],
    channelNames: ['{first} on AI', 'Gradient Notes', 'Neural Nets with {first}', 'The ML Workshop', 'Tensor Talk', 'Deep Learning Daily'],
    channelBlurbs: [
      'Machine learning and deep learning explained from first principles, with code you can run.',
      'Papers, models and tutorials: neural networks, transformers and practical AI engineering.',
      'I build machine learning models on camera and explain every step.',
    ],
    keywords: ['machine learning', 'deep learning', 'ai', 'neural networks', 'pytorch'],
    subjects: [
      'Linear Regression', 'Neural Networks', 'Gradient Descent', 'Transformers', 'Random Forests', 'PyTorch',
      'Fine-Tuning LLMs', 'Convolutional Neural Networks', 'Reinforcement Learning', 'scikit-learn Pipelines',
      'Embeddings', 'the Attention Mechanism',
    ],
    titles: [
      '{subject} Explained Visually', '{subject} from Scratch in Python', 'Machine Learning Tutorial: {subject}',
      'Understanding {subject} ({n} Key Ideas)', '{subject} - Deep Learning Course Lecture {n}', 'Build {subject} with PyTorch',
    ],
    tags: ['machine learning', 'deep learning', 'ai', 'artificial intelligence', 'pytorch', 'neural networks', 'python'],
    durations: [480, 5400],
  },
  {
    key: 'javascript',
    label: 'JavaScript and web development',
    categoryId: '28',
    topicCategories: [`${WIKI}Technology`],
    channelNames: ['{first} Dev', 'JavaScript Mastery with {first}', 'The Frontend Shed', 'Web Dev Simplified by {first}', 'Callback Cafe', 'Async Avenue'],
    channelBlurbs: [
      'Modern JavaScript, TypeScript and React tutorials for web developers.',
      'Web development tutorials: build real projects with JavaScript, Node.js and the browser platform.',
      'Short, focused videos on JavaScript fundamentals and frontend frameworks.',
    ],
    keywords: ['javascript', 'web development', 'react', 'typescript', 'node.js'],
    subjects: [
      'Promises', 'Async/Await', 'Closures', 'the Event Loop', 'React Hooks', 'TypeScript Generics', 'Array Methods',
      'Node.js Streams', 'DOM Manipulation', 'the Fetch API', 'ES Modules', 'Next.js Routing',
    ],
    titles: [
      'JavaScript {subject} Explained', '{subject} in {n} Minutes', 'Learn {subject} by Building a Project',
      '{subject} Crash Course', 'You Probably Misunderstand {subject}', 'JavaScript Tutorial: {subject}',
    ],
    tags: ['javascript', 'js', 'web development', 'frontend', 'react', 'typescript', 'node.js', 'programming'],
    durations: [240, 3000],
  },
  {
    key: 'devops',
    label: 'DevOps and cloud',
    categoryId: '28',
    topicCategories: [`${WIKI}Technology`],
    channelNames: ['{first} Ships It', 'The Cloud Corner', 'Container Club', 'Ops with {first}', 'YAML Engineering'],
    channelBlurbs: [
      'DevOps, cloud and Linux tutorials: containers, infrastructure as code and CI/CD.',
      'Practical cloud engineering for developers who have to run what they build.',
    ],
    keywords: ['devops', 'cloud', 'docker', 'kubernetes', 'linux'],
    subjects: ['Docker', 'Kubernetes', 'Terraform', 'GitHub Actions', 'AWS Lambda', 'the Linux Command Line', 'Nginx', 'CI/CD Pipelines', 'Prometheus Monitoring', 'Ansible'],
    titles: ['{subject} Tutorial for Beginners', '{subject} Crash Course', '{subject} in {n} Minutes', 'Learn {subject} by Building a Project', '{subject} Best Practices'],
    tags: ['devops', 'cloud', 'docker', 'kubernetes', 'linux', 'aws', 'tutorial'],
    durations: [360, 4800],
  },
  {
    key: 'cooking',
    label: 'Cooking',
    categoryId: '26',
    topicCategories: [`${WIKI}Food`, `${WIKI}Lifestyle_(sociology)`],
    channelNames: ["{first}'s Kitchen", 'Cooking with {first}', 'The Weeknight Table', 'Salt & Smoke', 'Home Cook Heroes', "{first} Eats"],
    channelBlurbs: [
      'Simple, reliable recipes for home cooks. New recipes every week.',
      'Restaurant-quality food at home: techniques, recipes and kitchen tips.',
      'Cooking from scratch without fuss: weeknight dinners, baking and meal prep.',
    ],
    keywords: ['cooking', 'recipes', 'food', 'home cooking', 'baking'],
    subjects: [
      'Sourdough Bread', 'Ramen from Scratch', 'One-Pot Pasta', 'Thai Green Curry', 'the Perfect Steak', 'Meal Prep for the Week',
      'Homemade Pizza Dough', 'a French Omelette', 'Vegan Chili', 'Butter Chicken', 'Knife Skills', 'Cast Iron Cooking',
    ],
    titles: [
      'How to Make {subject}', 'The BEST {subject} Recipe', '{subject} | Easy Weeknight Dinner', '{subject} in {n} Minutes',
      'I Tried Making {subject} Like a Chef', "Beginner's Guide to {subject}",
    ],
    tags: ['cooking', 'recipe', 'easy recipes', 'food', 'homemade', 'dinner ideas', 'home cooking'],
    durations: [240, 1500],
  },
  {
    key: 'travel',
    label: 'Travel',
    categoryId: '19',
    topicCategories: [`${WIKI}Tourism`, `${WIKI}Lifestyle_(sociology)`],
    channelNames: ['{first} Abroad', 'Wander with {first}', 'Backpack Stories', 'The Slow Traveler', 'Passport Diaries', 'Far & Away'],
    channelBlurbs: [
      'Travel guides and vlogs from around the world, with honest costs and tips.',
      'Budget travel, slow travel and the places in between. Itineraries in every description.',
      'Two backpacks, one camera: travel films and practical guides.',
    ],
    keywords: ['travel', 'travel vlog', 'travel guide', 'backpacking'],
    subjects: [
      'Lisbon', 'Kyoto', "Iceland's Ring Road", 'Mexico City', 'Patagonia', 'the Amalfi Coast', 'Vietnam by Motorbike',
      'Istanbul', 'the Scottish Highlands', 'Bali on a Budget', 'Morocco', 'New Zealand',
    ],
    titles: [
      'Travel Guide: {subject}', '{n} Days in {subject}', 'Is {subject} Worth Visiting in {year}?', 'First Time in {subject} - What to Know',
      'Cheapest Way to See {subject}', '{subject} Travel Vlog',
    ],
    tags: ['travel', 'travel vlog', 'travel guide', 'backpacking', 'budget travel', 'itinerary'],
    durations: [480, 2400],
  },
  {
    key: 'fitness',
    label: 'Fitness',
    categoryId: '17',
    topicCategories: [`${WIKI}Physical_fitness`, `${WIKI}Health`],
    channelNames: ['Fit with {first}', '{first} Trains', 'Strong at Home', 'The Mobility Room', 'Rep Science', 'Daily Sweat'],
    channelBlurbs: [
      'Evidence-based training: workouts, technique and programming for every level.',
      'Home workouts you can actually stick to. No equipment needed for most videos.',
      'Strength, mobility and running, explained by a certified coach.',
    ],
    keywords: ['fitness', 'workout', 'home workout', 'strength training'],
    subjects: [
      'Full Body Workout', 'Home HIIT', 'Pull-Ups for Beginners', 'Mobility Routine', '5K Running Plan', 'Kettlebell Training',
      'Core Strength', 'Progressive Overload', 'Stretching for Back Pain', 'Calisthenics', 'Protein and Nutrition', 'Marathon Training',
    ],
    titles: ['{n} Minute {subject}', '{subject} - No Equipment', 'The Science of {subject}', '{subject} for Beginners', 'I Did {subject} Every Day for 30 Days'],
    tags: ['fitness', 'workout', 'home workout', 'gym', 'exercise', 'health', 'training'],
    durations: [180, 2700],
  },
  {
    key: 'music',
    label: 'Music lessons and production',
    categoryId: '10',
    topicCategories: [`${WIKI}Music`],
    channelNames: ['{first} Plays', 'Music Theory with {first}', 'The Practice Room', 'Chord Club', 'Bedroom Producer', 'Groove School'],
    channelBlurbs: [
      'Guitar and piano lessons, music theory and practice routines for self-taught musicians.',
      'Music production tutorials and beats, made in a small home studio.',
      'Learn to play the songs you love, one lesson at a time.',
    ],
    keywords: ['music', 'music lessons', 'guitar', 'piano', 'music production'],
    subjects: [
      'Fingerstyle Guitar', 'Jazz Piano Chords', 'Music Theory Basics', 'Lo-Fi Beat Production', 'Drum Grooves', 'Singing Technique',
      'Ableton Live', 'Chord Progressions', 'Ear Training', 'Synth Sound Design', 'Blues Scales', 'Songwriting',
    ],
    titles: ['Learn {subject} - Lesson {n}', '{subject} for Beginners', '{subject} Tutorial', 'Practice Routine: {subject}', '{subject} in {n} Minutes'],
    tags: ['music', 'music lesson', 'guitar', 'piano', 'music production', 'music theory'],
    durations: [120, 1800],
  },
  {
    key: 'photography',
    label: 'Photography',
    categoryId: '26',
    topicCategories: [`${WIKI}Hobby`],
    channelNames: ['{first} Shoots', 'Through the Lens', 'Golden Hour Club', 'Photo Walks with {first}', 'Shutter Notes'],
    channelBlurbs: [
      'Photography tutorials, photo walks and honest gear reviews.',
      'Better photos with the camera you already have: composition, light and editing.',
    ],
    keywords: ['photography', 'camera', 'photo editing', 'lightroom'],
    subjects: ['Street Photography', 'Portrait Lighting', 'Lightroom Editing', 'Astrophotography', 'Composition Rules', 'Film Cameras', 'Drone Photography', 'Wildlife Photography', 'Golden Hour', 'Product Photography'],
    titles: ['{subject} Tips for Beginners', '{subject}: {n} Mistakes to Avoid', 'POV {subject}', 'How I Edit {subject}', 'A Beginner Guide to {subject}'],
    tags: ['photography', 'camera', 'lightroom', 'photo tips', 'photographer'],
    durations: [360, 1800],
  },
  {
    key: 'personal-finance',
    label: 'Personal finance',
    categoryId: '22',
    topicCategories: [`${WIKI}Lifestyle_(sociology)`, `${WIKI}Society`],
    channelNames: ['Money with {first}', 'The Frugal Desk', '{first} Invests', 'Compound Interest Club', 'Budget Better'],
    channelBlurbs: [
      'Personal finance without the hype: budgeting, investing and getting out of debt.',
      'Plain-language videos about money, investing and financial independence.',
    ],
    keywords: ['personal finance', 'investing', 'money', 'budgeting'],
    subjects: ['Index Funds', 'Budgeting', 'Emergency Funds', 'Credit Scores', 'Retirement Accounts', 'Paying Off Debt', 'Dividend Investing', 'Side Hustles', 'Inflation', 'the FIRE Movement'],
    titles: ['{subject} Explained Simply', 'How I Think About {subject}', '{subject} in {year}: What Changed', '{n} Rules for {subject}', 'The Truth About {subject}'],
    tags: ['personal finance', 'investing', 'money', 'budgeting', 'financial freedom'],
    durations: [480, 2100],
  },
  {
    key: 'gardening',
    label: 'Gardening',
    categoryId: '26',
    topicCategories: [`${WIKI}Hobby`, `${WIKI}Lifestyle_(sociology)`],
    channelNames: ["{first}'s Allotment", 'Grow with {first}', 'The Backyard Plot', 'Green Thumb Diaries', 'Soil First'],
    channelBlurbs: [
      'Growing food at home: vegetables, herbs and fruit in small spaces.',
      'Organic gardening through the seasons, from seed to harvest.',
    ],
    keywords: ['gardening', 'grow your own', 'vegetable garden', 'plants'],
    subjects: ['Tomatoes', 'Raised Beds', 'Composting', 'Container Gardening', 'Seed Starting', 'Pruning Roses', 'Growing Herbs Indoors', 'Companion Planting', 'No-Dig Gardening', 'Houseplants'],
    titles: ['How to Grow {subject}', '{subject} for Beginners', '{n} Tips for {subject}', '{subject}: Start to Finish', 'Garden Tour and {subject}'],
    tags: ['gardening', 'garden', 'grow your own', 'plants', 'organic gardening'],
    durations: [300, 1800],
  },
  {
    key: 'languages',
    label: 'Language learning',
    categoryId: '27',
    topicCategories: [`${WIKI}Knowledge`],
    channelNames: ['Polyglot {first}', 'Speak with {first}', 'The Language Lounge', 'Daily Phrases', 'Fluent Friday'],
    channelBlurbs: [
      'Language lessons, listening practice and study methods for independent learners.',
      'Learn languages the fun way: real conversations, grammar made simple and daily practice.',
    ],
    keywords: ['language learning', 'learn languages', 'polyglot', 'vocabulary'],
    subjects: ['Spanish', 'Japanese', 'German', 'French', 'Korean', 'Italian', 'Mandarin', 'Portuguese'],
    titles: ['Learn {subject} in {n} Minutes', '{subject} Listening Practice', '{n} Common {subject} Phrases', 'How I Learned {subject} in a Year', '{subject} Grammar Explained'],
    tags: ['language learning', 'learn languages', 'polyglot', 'vocabulary', 'listening practice'],
    durations: [300, 2400],
  },
  {
    key: 'gaming',
    label: 'Gaming',
    categoryId: '20',
    topicCategories: [`${WIKI}Video_game_culture`, `${WIKI}Action-adventure_game`],
    channelNames: ['{first} Plays Games', 'Respawn Point', 'The Save File', 'Pixel Council', '{first}GG', 'Speedrun Society'],
    channelBlurbs: [
      "Let's plays, reviews and guides. Mostly indie games, sometimes the big ones.",
      'Gaming guides and commentary. Streams three times a week.',
    ],
    keywords: ['gaming', 'gameplay', 'video games', "let's play"],
    subjects: ['Minecraft', 'Elden Ring', 'Stardew Valley', 'Zelda: Tears of the Kingdom', 'Factorio', "Baldur's Gate 3", 'Speedrunning', 'Indie Games', 'Retro Consoles', 'Counter-Strike 2'],
    titles: ['{subject} - Tips and Tricks', '{subject} Review', "Beginner's Guide to {subject}", 'I Played {subject} for 100 Hours', "{subject} Let's Play Part {n}"],
    tags: ['gaming', 'gameplay', 'video games', "let's play", 'gamer'],
    durations: [600, 7200],
  },
  {
    key: 'history',
    label: 'History',
    categoryId: '27',
    topicCategories: [`${WIKI}Knowledge`, `${WIKI}Society`],
    channelNames: ['History with {first}', 'The Long Ago', 'Epoch Explained', 'Chronicle Channel', 'Past Tense'],
    channelBlurbs: [
      'History documentaries and explainers, carefully researched and told as stories.',
      'Animated history: empires, wars, inventions and the people behind them.',
    ],
    keywords: ['history', 'documentary', 'history explained'],
    subjects: ['the Roman Empire', 'the Silk Road', 'the Cold War', 'Ancient Egypt', 'the Byzantine Empire', 'the Industrial Revolution', 'the Vikings', 'the Ottoman Empire', 'the Space Race', 'Medieval Castles'],
    titles: ['The Rise and Fall of {subject}', '{subject} Explained', 'What Life Was Like in {subject}', 'A Brief History of {subject}', '{subject}: Documentary'],
    tags: ['history', 'documentary', 'history explained', 'ancient history', 'education'],
    durations: [600, 5400],
  },
];

/** Sentences video descriptions are assembled from; `{subject}` and `{label}` are filled in. */
export const DESCRIPTION_OPENERS = [
  'In this video we go through {subject} step by step.',
  'Everything you need to know about {subject}, without the fluff.',
  "Today's video is all about {subject}.",
  'A complete walkthrough of {subject} for beginners and intermediates.',
  'I get asked about {subject} all the time, so here is the full answer.',
];

export const DESCRIPTION_MIDDLES = [
  'We start with the basics and build up to a complete example.',
  'Links to everything mentioned are below.',
  'If this helped, subscribe for more {label} videos every week.',
  'Let me know in the comments what you want to see next.',
  'Resources and notes are in the pinned comment.',
];

export const CHAPTER_NAMES = ['Intro', 'The basics', 'A worked example', 'Common mistakes', 'Going further', 'Recap'];
