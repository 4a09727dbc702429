// Spanish, written for a broad Latin American and European audience: informal "tú", and wording
// that does not depend on the customer's gender (the CSAT words describe the help, not the person).
import type { Messages } from './en';

export const es: Messages = {
  lang: 'es',
  dir: 'ltr',

  scales: {
    csat: {
      question: (agent) =>
        agent ? `¿Qué tan satisfactoria fue la ayuda que te dio ${agent}?` : '¿Qué tan satisfactoria fue la ayuda que recibiste?',
      labels: { 1: 'Muy insatisfactoria', 2: 'Insatisfactoria', 3: 'Regular', 4: 'Satisfactoria', 5: 'Muy satisfactoria' },
    },
    nps: {
      question: () => '¿Qué tan probable es que nos recomiendes a un amigo o colega?',
      labels: { 0: 'Nada probable', 10: 'Muy probable' },
    },
    ces: {
      question: () => '¿Qué tan fácil te resultó resolver tu consulta?',
      labels: {
        1: 'Muy difícil',
        2: 'Difícil',
        3: 'Algo difícil',
        4: 'Ni fácil ni difícil',
        5: 'Algo fácil',
        6: 'Fácil',
        7: 'Muy fácil',
      },
    },
  },

  email: {
    subject: (agent) =>
      agent ? `¿Cómo lo hicimos? Tu conversación con ${agent}` : '¿Cómo lo hicimos? Tu conversación reciente con nosotros',
    preheader: 'Solo te lleva un clic y nos ayuda a mejorar.',
    greeting: (name) => (name ? `¡Hola, ${name}!` : '¡Hola!'),
    intro: (agent) =>
      agent
        ? `Hace poco hablaste con ${agent}, de nuestro equipo de soporte. Nos encantaría saber cómo te fue.`
        : 'Hace poco hablaste con nuestro equipo de soporte. Nos encantaría saber cómo te fue.',
    pick: 'Solo haz clic en un número. Si quieres, en la página siguiente puedes dejarnos un comentario.',
    textPick: 'Abre el enlace que corresponde a tu respuesta:',
    thanks: 'Gracias,',
    team: (brand) => (brand ? `El equipo de ${brand}` : 'El equipo de soporte'),
    why: 'Recibes este correo porque hace poco te pusiste en contacto con nuestro equipo de soporte.',
  },

  survey: {
    title: 'Tu opinión',
    heading: (agent) => (agent ? `¿Qué tal te atendió ${agent}?` : '¿Qué tal te atendimos?'),
    commentLabel: '¿Quieres contarnos algo más?',
    optional: '(opcional)',
    commentHint: '¿Qué salió bien o qué podríamos mejorar?',
    submit: 'Enviar respuesta',
    pickScore: 'Elige una puntuación, por favor.',
    saved: 'Ya guardamos tu puntuación. Si quieres, puedes añadir un comentario.',
    needsSubmit: 'Para confirmar tu puntuación, presiona “Enviar respuesta”.',
    unsubscribe: 'Dejar de recibir estas encuestas',
  },

  thanks: {
    title: '¡Muchas gracias!',
    body: 'Recibimos tu opinión. Cada respuesta nos ayuda a mejorar.',
    yourScore: 'Tu puntuación',
    yourComment: 'Tu comentario',
    rating: (score, max, word) => `${score} de ${max}${word ? ` · ${word}` : ''}`,
    change: 'Cambiar mi respuesta',
  },

  unsubscribe: {
    title: 'Dejar de recibir encuestas',
    body: 'Si presionas el botón, dejaremos de escribirte para preguntarte cómo te fue con nuestro equipo de soporte.',
    button: 'Darme de baja',
    doneTitle: 'Baja confirmada',
    doneBody: 'No te enviaremos más encuestas. Gracias por avisarnos.',
  },

  // follow-ups: the recovery survey and emails agents send from a task
  recovery: {
    subject: (agent) => (agent ? `¿Lo solucionamos? Una pregunta rápida tras hablar con ${agent}` : '¿Lo solucionamos?'),
    preheader: 'Con un clic nos dices si lo hemos arreglado.',
    heading: '¿Lo solucionamos?',
    intro: (agent) =>
      agent
        ? `${agent}, de nuestro equipo, hizo seguimiento de tu opinión hace poco. Nos gustaría saber si lo hemos solucionado.`
        : 'Nuestro equipo hizo seguimiento de tu opinión hace poco. Nos gustaría saber si lo hemos solucionado.',
  },

  followup: {
    templateSubject: 'Sobre tu opinión reciente',
    templateBody:
      '{{greeting}}\n\nGracias por contarnos cómo fue tu conversación reciente con nosotros. Siento que no fuera lo que esperabas y me gustaría solucionarlo.\n\n¿Podrías contarme un poco más sobre lo que pasó? Basta con responder a este correo.\n\nUn saludo,\n{{agent_name}}',
    replyHint: (agent) =>
      agent ? `Responde a este correo para hablar directamente con ${agent}.` : 'Responde a este correo para hablar directamente con nuestro equipo.',
  },

  pages: {
    expired: {
      title: 'Este enlace ha caducado',
      body: 'Los enlaces de las encuestas solo funcionan durante un tiempo y este ya no está activo. Gracias de todos modos por querer darnos tu opinión.',
    },
    invalid: {
      title: 'Este enlace no funciona',
      body: 'Puede que esté incompleto. Intenta abrirlo de nuevo directamente desde el correo o copia la dirección completa.',
    },
    notFound: {
      title: 'No encontramos esta página',
      body: 'Revisa que la dirección esté bien escrita.',
    },
    badRequest: {
      title: 'No pudimos leer lo que se envió',
      body: 'Lo que envió tu navegador llegó incompleto o dañado. Vuelve atrás, recarga la página e inténtalo de nuevo.',
    },
    tooLarge: {
      title: 'Es demasiado para enviarlo',
      body: 'El formulario o el archivo supera lo que admite esta página. Acórtalo e inténtalo de nuevo.',
    },
    error: {
      title: 'Algo salió mal',
      body: 'El problema es nuestro, no tuyo. Inténtalo de nuevo en unos minutos.',
    },
  },
  digest: {
    subject: (weekly, period) => (weekly ? `Tus resultados de la semana: ${period}` : `Tus resultados del ${period}`),
    heading: 'Cómo les fue a tus equipos',
    forTeams: (teams) => `Equipos: ${teams}`,
    allTeams: 'Todos los equipos',
    compared: (period, previous) => `${period}, comparado con ${previous}.`,
    scores: 'Puntuaciones',
    score: 'Puntuación',
    interval: 'Intervalo del 95 %',
    change: 'Cambio',
    answers: 'Respuestas',
    points: (v) => `${v} pts`,
    up: 'sube',
    down: 'baja',
    noChange: 'sin cambios',
    tooFew: 'muy pocas para comparar',
    noCompare: 'nada que comparar',
    responseRate: 'Tasa de respuesta',
    rateOf: (answered, sent) => `${answered} respuestas a ${sent} encuestas enviadas`,
    fcr: 'Resuelto en el primer contacto',
    trendTitle: (kind, weeks, n) => (weeks ? `${kind} en las últimas ${n} semanas` : `${kind} en los últimos ${n} días`),
    trendNote: 'Los puntos son las puntuaciones; las barras sombreadas, sus intervalos del 95 %. Los puntos grises tienen menos respuestas que la muestra mínima.',
    scale: (low, high) => `La escala va de ${low} a ${high}.`,
    trendAlt: (kind, values) => `Gráfico de líneas de ${kind}: ${values}.`,
    distributionTitle: (kind) => `Respuestas de ${kind} por puntuación`,
    distributionAlt: (kind, values) => `Gráfico de barras de las respuestas de ${kind} por puntuación: ${values}.`,
    noAnswers: 'sin respuestas',
    themes: 'De qué hablaron los clientes',
    themeLine: (count, negative) => `${count} comentarios · ${negative} negativos`,
    rising: 'en aumento',
    falling: 'en descenso',
    newTheme: 'nuevo',
    noThemes: 'No hay temas recurrentes en los comentarios de este periodo.',
    movers: 'Agentes con más cambios',
    moversNote: (min) => `Solo agentes con al menos ${min} respuestas en ambos periodos.`,
    noMovers: 'Ningún agente tuvo suficientes respuestas en ambos periodos para comparar.',
    followups: 'Seguimientos',
    followupsLine: (open, overdue) => `${open} abiertos, ${overdue} vencidos`,
    openDashboard: 'Abrir el panel de este periodo',
    openInbox: 'Abrir la bandeja de seguimientos',
    why: (weekly) => (weekly ? 'Recibes este correo cada semana porque gestionas estos equipos en Heard.' : 'Recibes este correo cada día porque lo pediste en Heard.'),
    settings: 'Cambiar o desactivar el resumen',
  },
};
