console.log('todo app');
